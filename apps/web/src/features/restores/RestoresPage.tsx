import { Alert, Group, Stack, Title } from "@mantine/core";
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
import { RestoreRunsQuery } from "./listDocuments";
import { RestoreRunsTable } from "./RestoreRunsTable";

/** /restores: the workspace's restore runs, newest first; the selected environment by default. */
export function RestoresPage() {
  const { t } = useTranslation();
  const { workspaceId, can } = useSession();
  const allowed = can("restore.read");
  const { showAll, setShowAll, environmentIds, filter, cursors, setCursors } = useEnvironmentScopedPaging();

  const [result, reexecute] = useQuery({
    query: RestoreRunsQuery,
    variables: { workspaceId: workspaceId ?? "", filter, after: currentCursor(cursors) },
    pause: !workspaceId || !allowed,
    requestPolicy: "cache-and-network",
  });
  const refetch = useCallback(() => reexecute({ requestPolicy: "network-only" }), [reexecute]);

  // A restore run that starts, moves or finishes changes its row: refetch on its transitions.
  const seen = useRef(new Map<string, string>());
  useSubscriptionEvents(
    OperationRunsChangedSubscription,
    { workspaceId: workspaceId ?? "", environmentIds },
    ({ operationRunsChanged: run }) => {
      if (!run.type.startsWith("restore.")) return;
      const key = `${run.status}|${run.outcome}|${run.proofGaps.length}`;
      if (seen.current.get(run.id) === key) return;
      seen.current.set(run.id, key);
      refetch();
    },
    !workspaceId || !allowed,
  );

  const connection = result.data?.restoreRuns;
  if (!allowed) return <Alert color="gray">{t("restoreRun.list.noPermission")}</Alert>;
  const runs = nodesOf(connection);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t("restoreRun.list.title")}</Title>
        <EnvironmentScopeToggle
          showAll={showAll}
          onChange={setShowAll}
          allLabel={t("restoreRun.list.scopeAll")}
          data-testid="restores-scope"
        />
      </Group>
      <PagedListBody
        connection={connection}
        shown={runs.length}
        fetching={result.fetching}
        error={result.error}
        cursors={cursors}
        onCursorsChange={setCursors}
        labels="restoreRun.list"
        testIdPrefix="restores"
      >
        <RestoreRunsTable runs={runs} />
      </PagedListBody>
    </Stack>
  );
}
