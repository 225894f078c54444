import { Card, Stack, Text, Timeline, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useFormatters } from "../../i18n/useFormatters";
import type { RunEvent } from "./documents";

function describeTransition(event: RunEvent): string | null {
  const parts: string[] = [];
  if (event.fromStatus !== event.toStatus && event.toStatus) {
    parts.push(`${event.fromStatus ?? "∅"} → ${event.toStatus}`);
  }
  if (event.fromOutcome !== event.toOutcome && event.toOutcome) {
    parts.push(`${event.fromOutcome ?? "∅"} → ${event.toOutcome}`);
  }
  return parts.length ? parts.join(" · ") : null;
}

export function EventTimeline({ events }: { events: RunEvent[] }) {
  const { t } = useTranslation();
  const format = useFormatters();

  return (
    <Card withBorder data-testid="run-timeline">
      <Stack>
        <Title order={4}>{t("runDetail.timelineTitle")}</Title>
        {events.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("runDetail.noEvents")}
          </Text>
        ) : (
          <Timeline active={events.length - 1} bulletSize={14} lineWidth={2}>
            {events.map((event) => {
              const transition = describeTransition(event);
              return (
                <Timeline.Item key={event.id} title={event.kind} data-testid="run-event">
                  {transition && (
                    <Text size="sm" ff="monospace">
                      {transition}
                    </Text>
                  )}
                  {(event.reasonCode || event.message) && (
                    <Text size="sm">{[event.reasonCode, event.message].filter(Boolean).join(": ")}</Text>
                  )}
                  <Text size="xs" c="dimmed">
                    {format.dateTime(event.createdAt)}
                    {event.actor ? ` · ${event.actor}` : ""}
                  </Text>
                </Timeline.Item>
              );
            })}
          </Timeline>
        )}
      </Stack>
    </Card>
  );
}
