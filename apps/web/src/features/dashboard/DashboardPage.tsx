import { Alert, Anchor, Card, Group, Loader, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useQuery } from "urql";
import { errorMessage } from "../../graphql/errors";
import { useSession } from "../../session/SessionProvider";
import { CompletenessBadge } from "../backups/CompletenessBadge";
import { RunOutcomeBadge, RunStatusBadge } from "../operations/RunBadges";
import { runFilterToSearchParams } from "../operations/runFilterParams";
import { DryRunBadge, RestoreStatusBadge } from "../restores/RestoreBadges";
import { Time } from "../shared/Time";
import { EnvironmentDashboardQuery } from "./documents";

/** /dashboard: the selected tenant at a glance, each tile linking to the record it summarizes. */
export function DashboardPage() {
  const { t } = useTranslation();
  const { environment } = useSession();
  const [result] = useQuery({
    query: EnvironmentDashboardQuery,
    variables: { environmentId: environment?.id ?? "" },
    pause: !environment,
    requestPolicy: "cache-and-network",
  });
  if (!environment) return <Text c="dimmed">{t("console.dashboard.noEnvironment")}</Text>;
  const node = result.data?.node;
  const dashboard = node?.__typename === "ManagedEnvironment" ? node.dashboard : null;
  return (
    <Stack data-testid="dashboard">
      <Title order={2}>
        {t("console.dashboard.title")}: {environment.name}
      </Title>
      {result.error && <Alert color="red">{errorMessage(result.error)}</Alert>}
      {!dashboard ? (
        result.fetching && <Loader />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Tile title={t("console.dashboard.lastSync")} testId="dashboard-last-sync">
            {dashboard.lastSync ? (
              <>
                <Group gap="xs">
                  <RunStatusBadge status={dashboard.lastSync.status} />
                  {dashboard.lastSync.status === "COMPLETED" && <RunOutcomeBadge outcome={dashboard.lastSync.outcome} />}
                </Group>
                <RecordLink
                  to={`/runs/${encodeURIComponent(dashboard.lastSync.id)}`}
                  when={dashboard.lastSync.completedAt ?? dashboard.lastSync.createdAt}
                />
              </>
            ) : (
              <None />
            )}
          </Tile>
          <Tile title={t("console.dashboard.lastBackup")} testId="dashboard-last-backup">
            {dashboard.lastBackup ? (
              <>
                <CompletenessBadge set={dashboard.lastBackup} />
                <RecordLink
                  to={`/backups/${encodeURIComponent(dashboard.lastBackup.id)}`}
                  label={dashboard.lastBackup.name}
                  when={dashboard.lastBackup.completedAt ?? dashboard.lastBackup.createdAt}
                />
              </>
            ) : (
              <None />
            )}
          </Tile>
          <Tile title={t("console.dashboard.openProofGaps")} testId="dashboard-proof-gaps">
            {dashboard.proofGapRunCount === null || dashboard.proofGapRunCount === undefined ? (
              <None />
            ) : dashboard.proofGapRunCount === 0 ? (
              <Text size="sm" data-count={0}>
                {t("console.dashboard.noGaps")}
              </Text>
            ) : (
              <>
                <Text size="sm" fw={700} data-count={dashboard.proofGapRunCount}>
                  {t("console.dashboard.gapRuns", { count: dashboard.proofGapRunCount })}
                </Text>
                <Anchor
                  component={Link}
                  size="sm"
                  to={`/operations?${runFilterToSearchParams({ environmentIds: [environment.id], hasProofGaps: true })}`}
                  data-testid="dashboard-record-link"
                >
                  {t("console.dashboard.showGapRuns")}
                </Anchor>
              </>
            )}
          </Tile>
          <Tile title={t("console.dashboard.lastRestore")} testId="dashboard-last-restore">
            {dashboard.lastRestore ? (
              <>
                <Group gap="xs">
                  <RestoreStatusBadge status={dashboard.lastRestore.status} />
                  <DryRunBadge dryRun={dashboard.lastRestore.dryRun} />
                </Group>
                <RecordLink
                  to={`/restores/${encodeURIComponent(dashboard.lastRestore.id)}`}
                  label={dashboard.lastRestore.targetLabel}
                  when={dashboard.lastRestore.completedAt ?? dashboard.lastRestore.createdAt}
                />
              </>
            ) : (
              <None />
            )}
          </Tile>
        </SimpleGrid>
      )}
    </Stack>
  );
}

function Tile({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <Card withBorder data-testid={testId}>
      <Stack gap="xs">
        <Title order={4}>{title}</Title>
        {children}
      </Stack>
    </Card>
  );
}

function RecordLink({ to, label, when }: { to: string; label?: string; when: string }) {
  return (
    <Group gap="xs" wrap="wrap">
      <Anchor component={Link} to={to} size="sm" data-testid="dashboard-record-link" style={{ overflowWrap: "anywhere" }}>
        {label ?? <Time value={when} />}
      </Anchor>
      {label && (
        <Text size="sm" c="dimmed">
          <Time value={when} />
        </Text>
      )}
    </Group>
  );
}

function None() {
  const { t } = useTranslation();
  return (
    <Text size="sm" c="dimmed">
      {t("console.dashboard.never")}
    </Text>
  );
}
