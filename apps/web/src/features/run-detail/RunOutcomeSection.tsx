import { Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { orderSummaryCounts } from "../../graphql/summaryCounts";
import { useFormatters } from "../../i18n/useFormatters";
import { useLabels } from "../../i18n/useLabels";
import { RunOutcomeBadge, RunProgress, RunStatusBadge } from "../operations/RunBadges";
import type { RunDetail } from "./documents";
import { RunReasonAlert } from "./RunReasonAlert";
import { RunDuration, Time } from "../shared/Time";
import { StartedBy } from "../operations/StartedBy";

/** Outcome, reason and impact come first: they answer "did it work, and if not, why". */
export function RunOutcomeSection({ run }: { run: RunDetail }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormatters();

  return (
    <Card withBorder data-testid="run-outcome-section">
      <Stack>
        <Group justify="space-between">
          <Title order={4}>{t("runDetail.outcomeTitle")}</Title>
          <Group gap="xs">
            <RunStatusBadge status={run.status} />
            <RunOutcomeBadge outcome={run.outcome} />
          </Group>
        </Group>
        {run.status === "RUNNING" && <RunProgress progress={run.progress} />}
        {run.failure ? (
          <RunReasonAlert failure={run.failure} tone={run.outcome === "BLOCKED" ? "blocked" : "failed"} data-testid="run-failure" />
        ) : (
          run.status === "COMPLETED" &&
          run.outcome !== "SUCCEEDED" && (
            <Text size="sm" c="dimmed">
              {t("runDetail.noFailureReason")}
            </Text>
          )
        )}
        <div>
          <Text fw={500} size="sm" mb="xs">
            {t("runDetail.impact")}
          </Text>
          {run.summaryCounts.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t("runDetail.noCounts")}
            </Text>
          ) : (
            <SimpleGrid
              // Five across at desktop width: the longest German type names (Gerätekonfigurationsprofil) fit unbroken.
              cols={{ base: 2, sm: 3, lg: 5 }}
              data-testid="run-summary-counts"
            >
              {orderSummaryCounts(run.summaryCounts).map((count) => (
                <Card key={count.key} withBorder padding="xs">
                  <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere", hyphens: "auto" }}>
                    {labels.countKey(count.key)}
                  </Text>
                  <Text fw={700} size="lg">
                    {format.number(count.value)}
                  </Text>
                </Card>
              ))}
            </SimpleGrid>
          )}
        </div>
        <Group gap="xl">
          <Text size="xs" c="dimmed">
            {t("runDetail.createdAt")}: <Time value={run.createdAt} />
          </Text>
          <Text size="xs" c="dimmed">
            {t("runDetail.startedAt")}: <Time value={run.startedAt} />
          </Text>
          <Text size="xs" c="dimmed">
            {t("runDetail.completedAt")}: <Time value={run.completedAt} />
          </Text>
          <Text size="xs" c="dimmed">
            {t("operations.columns.duration")}: <RunDuration run={run} active={run.status !== "COMPLETED"} size="xs" />
          </Text>
          <Text size="xs" c="dimmed">
            {t("operations.columns.startedBy")}: <StartedBy startedBy={run.startedBy} />
          </Text>
        </Group>
      </Stack>
    </Card>
  );
}
