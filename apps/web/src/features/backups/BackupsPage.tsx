import { Button, Group, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { useCallback, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { nodesOf } from "../../graphql/connection";
import { useSubscriptionEvents } from "../../graphql/useSubscriptionEvents";
import { useSession } from "../../session/SessionProvider";
import { currentCursor } from "../inventory/cursorStack";
import { OperationRunsChangedSubscription } from "../operations/documents";
import { EnvironmentScopeToggle, useEnvironmentScopedPaging } from "../shared/environmentScope";
import { PagedListBody } from "../shared/PagedListBody";
import { BackUpNowButton } from "./BackUpNowButton";
import { BackupSetsTable } from "./BackupSetsTable";
import { shouldRefreshBackups } from "./backupRunWatch";
import { BackupSetsQuery } from "./documents";
import { ScheduleSection } from "./ScheduleSection";

export function BackupsPage() {
  const { t } = useTranslation();
  const { workspaceId, environment, can } = useSession();
  const { showAll, setShowAll, environmentIds, filter, cursors, setCursors } = useEnvironmentScopedPaging();

  const [result, reexecute] = useQuery({
    query: BackupSetsQuery,
    variables: { workspaceId: workspaceId ?? "", filter, after: currentCursor(cursors) },
    pause: !workspaceId,
    requestPolicy: "cache-and-network",
  });
  const refetch = useCallback(() => reexecute({ requestPolicy: "network-only" }), [reexecute]);

  // A backup run that starts, completes or gets its proof changes the list: refetch then.
  const seenRuns = useRef(new Map<string, string>());
  useSubscriptionEvents(
    OperationRunsChangedSubscription,
    { workspaceId: workspaceId ?? "", environmentIds },
    (data) => {
      if (shouldRefreshBackups(seenRuns.current, data.operationRunsChanged)) refetch();
    },
    !workspaceId,
  );

  const connection = result.data?.backupSets;
  const sets = nodesOf(connection);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t("backups.title")}</Title>
        <Group gap="sm">
          <EnvironmentScopeToggle showAll={showAll} onChange={setShowAll} allLabel={t("backups.scopeAll")} data-testid="backups-scope" />
          {environment && (
            <Button component={Link} to="/backups/compare" variant="default" size="xs" data-testid="backups-compare">
              {t("console.compare.title")}
            </Button>
          )}
          {environment && can("backup.run") && <BackUpNowButton environment={environment} />}
        </Group>
      </Group>
      {!environment && <Text c="dimmed">{t("backups.noEnvironment")}</Text>}
      {environment && !showAll && <ScheduleSection environment={environment} />}
      <PagedListBody
        connection={connection}
        shown={sets.length}
        fetching={result.fetching}
        error={result.error}
        cursors={cursors}
        onCursorsChange={setCursors}
        labels="backups"
        testIdPrefix="backups"
      >
        <BackupSetsTable sets={sets} />
      </PagedListBody>
    </Stack>
  );
}
