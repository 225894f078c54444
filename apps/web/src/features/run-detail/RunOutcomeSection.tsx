import { Alert, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { orderSummaryCounts } from "../../graphql/summaryCounts";
import { useFormatters } from "../../i18n/useFormatters";
import { RunOutcomeBadge, RunProgress, RunStatusBadge } from "../operations/RunBadges";
import type { RunDetail } from "./documents";

/** Outcome, reason and impact come first: they answer "did it work, and if not, why". */
export function RunOutcomeSection({ run }: { run: RunDetail }) {
  const { t } = useTranslation();
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
          <Alert color="red" title={run.failure.reasonCode} data-testid="run-failure">
            {run.failure.message}
          </Alert>
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
            <SimpleGrid cols={{ base: 2, sm: 4, lg: 6 }} data-testid="run-summary-counts">
              {orderSummaryCounts(run.summaryCounts).map((count) => (
                <Card key={count.key} withBorder padding="xs">
                  <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                    {count.key}
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
            {t("runDetail.createdAt")}: {format.dateTime(run.createdAt)}
          </Text>
          <Text size="xs" c="dimmed">
            {t("runDetail.startedAt")}: {format.dateTime(run.startedAt)}
          </Text>
          <Text size="xs" c="dimmed">
            {t("runDetail.completedAt")}: {format.dateTime(run.completedAt)}
          </Text>
        </Group>
      </Stack>
    </Card>
  );
}
