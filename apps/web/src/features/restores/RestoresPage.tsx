import { Alert, Button, Center, Group, Loader, SegmentedControl, Stack, Text, Title } from "@mantine/core";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { useQuery } from "urql";
import { nodesOf } from "../../graphql/connection";
import { errorMessage } from "../../graphql/errors";
import { useSubscriptionEvents } from "../../graphql/useSubscriptionEvents";
import { useSession } from "../../session/SessionProvider";
import { currentCursor, firstPage, nextPage, previousPage } from "../inventory/cursorStack";
import { OperationRunsChangedSubscription } from "../operations/documents";
import { type RestoreRunFilterInput, RestoreRunsQuery } from "./listDocuments";
import { RestoreRunsTable } from "./RestoreRunsTable";

/** /restores: the workspace's restore runs, newest first; the selected environment by default. */
export function RestoresPage() {
  const { t } = useTranslation();
  const { workspaceId, environment, can } = useSession();
  const allowed = can("restore.preview");
  const [searchParams, setSearchParams] = useSearchParams();
  const showAll = !environment || searchParams.get("scope") === "all";
  const environmentIds = showAll || !environment ? null : [environment.id];
  const environmentKey = environmentIds?.join(",") ?? "";
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the serialized ids.
  const filter = useMemo<RestoreRunFilterInput>(() => (environmentIds ? { environmentIds } : {}), [environmentKey]);

  const [cursors, setCursors] = useState(firstPage);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset is keyed on these values only.
  useEffect(() => setCursors(firstPage), [environmentKey, workspaceId]);

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
        {environment && (
          <SegmentedControl
            size="xs"
            value={showAll ? "all" : "selected"}
            onChange={(value) => setSearchParams(value === "all" ? { scope: "all" } : {})}
            data={[
              { value: "selected", label: environment.name },
              { value: "all", label: t("restoreRun.list.scopeAll") },
            ]}
            data-testid="restores-scope"
          />
        )}
      </Group>
      {connection && (
        <Text c="dimmed" size="sm" data-testid="restores-count">
          {t("restoreRun.list.showing", { shown: String(runs.length), total: String(connection.totalCount) })}
        </Text>
      )}
      {result.error && <Alert color="red">{errorMessage(result.error)}</Alert>}
      {result.fetching && !connection ? (
        <Center>
          <Loader size="sm" />
        </Center>
      ) : runs.length === 0 ? (
        !result.error && (
          <Text c="dimmed" data-testid="restores-empty">
            {t("restoreRun.list.empty")}
          </Text>
        )
      ) : (
        <RestoreRunsTable runs={runs} />
      )}
      {(cursors.length > 1 || connection?.pageInfo.hasNextPage) && (
        <Group justify="center">
          <Button variant="default" disabled={cursors.length <= 1} onClick={() => setCursors(previousPage)}>
            {t("common.previous")}
          </Button>
          <Text size="sm">{t("restoreRun.list.page", { page: String(cursors.length) })}</Text>
          <Button
            variant="default"
            disabled={!connection?.pageInfo.hasNextPage}
            onClick={() => setCursors((stack) => nextPage(stack, connection?.pageInfo.endCursor ?? null))}
          >
            {t("common.next")}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
