import { Card, Stack, Text, Timeline, Title } from "@mantine/core";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { useLabels } from "../../i18n/useLabels";
import type { RunEvent } from "./documents";
import { Time } from "../shared/Time";

/** "Queued → Running · Pending → Succeeded" in the reader's language; the first event reads "Created: Queued". */
function describeTransition(t: TFunction, event: RunEvent): string | null {
  const parts: string[] = [];
  const step = (from: string | null | undefined, to: string) =>
    from ? t("labels.transition", { from, to }) : t("labels.transitionStart", { to });
  if (event.fromStatus !== event.toStatus && event.toStatus) {
    parts.push(step(event.fromStatus && t(`runStatus.${event.fromStatus}`), t(`runStatus.${event.toStatus}`)));
  }
  if (event.fromOutcome !== event.toOutcome && event.toOutcome) {
    parts.push(step(event.fromOutcome && t(`runOutcome.${event.fromOutcome}`), t(`runOutcome.${event.toOutcome}`)));
  }
  return parts.length ? parts.join(" · ") : null;
}

export function EventTimeline({ events }: { events: RunEvent[] }) {
  const { t } = useTranslation();
  const labels = useLabels();

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
              if (event.kind === "step") {
                return (
                  <Timeline.Item key={event.id} title={labels.runStep(event)} data-testid="run-event" data-kind="step" lineVariant="dotted">
                    <Text size="xs" c="dimmed">
                      <Time value={event.createdAt} />
                    </Text>
                  </Timeline.Item>
                );
              }
              const transition = describeTransition(t, event);
              return (
                <Timeline.Item key={event.id} title={labels.eventKind(event.kind)} data-testid="run-event" data-kind={event.kind}>
                  {transition && <Text size="sm">{transition}</Text>}
                  {event.reasonCode && (
                    <Text size="sm" data-testid="run-event-reason" data-code={event.reasonCode}>
                      {labels.reason(event.reasonCode)}
                    </Text>
                  )}
                  {event.message && (
                    <Text size="sm" c="dimmed" className="break-anywhere">
                      {event.message}
                    </Text>
                  )}
                  <Text size="xs" c="dimmed">
                    <Time value={event.createdAt} /> ·{" "}
                    <span data-testid="run-event-actor">{labels.actor(event.actor, event.actorName)}</span>
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
