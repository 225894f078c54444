import { Alert, Badge, Card, Group, Stack, Text, Timeline, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { AllPages } from "../../graphql/useAllPages";
import { RestoreStatusBadge } from "../restores/RestoreBadges";
import type { RestoreRunEvent } from "./historyDocuments";
import { Time } from "../shared/Time";

/**
 * Every status move of the restore run as the one status writer recorded it, oldest first. Refused
 * moves are shown too (in red): they explain why a run did not move when someone asked it to.
 */
export function RestoreHistoryTimeline({ history }: { history: AllPages<RestoreRunEvent> }) {
  const { t } = useTranslation();
  const events = history.nodes ?? [];

  return (
    <Card withBorder data-testid="restore-history">
      <Stack>
        <Title order={4}>{t("restoreRun.detail.history.title")}</Title>
        {history.error && <Alert color="red">{history.error}</Alert>}
        {history.nodes && events.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("restoreRun.detail.history.empty")}
          </Text>
        ) : (
          <Timeline active={events.length - 1} bulletSize={14} lineWidth={2}>
            {events.map((event) => {
              const refused = event.kind === "rejected_transition";
              return (
                <Timeline.Item
                  key={event.id}
                  color={refused ? "red" : undefined}
                  data-testid="restore-history-event"
                  data-kind={event.kind}
                  data-from={event.fromStatus}
                  data-to={event.toStatus}
                  title={
                    <Group gap={6}>
                      <RestoreStatusBadge status={event.fromStatus} size="sm" />
                      <Text size="sm">→</Text>
                      <RestoreStatusBadge status={event.toStatus} size="sm" />
                      {refused && (
                        <Badge color="red" size="sm" data-testid="restore-history-refused">
                          {t("restoreRun.detail.history.refused")}
                        </Badge>
                      )}
                    </Group>
                  }
                >
                  <Text size="sm" ff="monospace">
                    {event.reasonCode}
                  </Text>
                  {event.message && <Text size="sm">{event.message}</Text>}
                  <Text size="xs" c="dimmed">
                    <Time value={event.createdAt} /> · {event.actor}
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
