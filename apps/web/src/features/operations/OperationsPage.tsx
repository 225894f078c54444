import { Alert, Button, Center, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { useEffect, useMemo, useReducer, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { useQuery } from "urql";
import { nodesOf } from "../../graphql/connection";
import { errorMessage } from "../../graphql/errors";
import { useSubscriptionEvents } from "../../graphql/useSubscriptionEvents";
import { useSession } from "../../session/SessionProvider";
import { OperationRunsChangedSubscription, OperationRunsQuery, type RunRow } from "./documents";
import { RunFilters } from "./RunFilters";
import { RunsTable } from "./RunsTable";
import { runFilterFromSearchParams, runFilterToSearchParams } from "./runFilterParams";
import { appendRunPage, applyRunUpdate, emptyRunList, type RunListState } from "./runList";

type RunListAction =
  | { kind: "reset" }
  | { kind: "page"; runs: RunRow[]; totalCount: number }
  | { kind: "update"; run: RunRow; filter: ReturnType<typeof runFilterFromSearchParams> };

function runListReducer(state: RunListState, action: RunListAction): RunListState {
  switch (action.kind) {
    case "reset":
      return emptyRunList;
    case "page":
      return appendRunPage(state, action.runs, action.totalCount);
    case "update":
      return applyRunUpdate(state, action.run, action.filter);
  }
}

export function OperationsPage() {
  const { t } = useTranslation();
  const { workspaceId } = useSession();
  const [searchParams, setSearchParams] = useSearchParams();
  const filterKey = searchParams.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the serialized params are the identity.
  const filter = useMemo(() => runFilterFromSearchParams(searchParams), [filterKey]);

  const [after, setAfter] = useState<string | null>(null);
  const [list, dispatch] = useReducer(runListReducer, emptyRunList);

  // A new filter or workspace starts over from the first page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset is keyed on these values only.
  useEffect(() => {
    setAfter(null);
    dispatch({ kind: "reset" });
  }, [filterKey, workspaceId]);

  const [result] = useQuery({
    query: OperationRunsQuery,
    variables: { workspaceId: workspaceId ?? "", filter, after },
    pause: !workspaceId,
    // Live updates keep the list current; a cached page would merge stale rows back in.
    requestPolicy: "network-only",
  });

  const connection = result.data?.operationRuns;
  useEffect(() => {
    if (connection) dispatch({ kind: "page", runs: nodesOf(connection), totalCount: connection.totalCount });
  }, [connection]);

  useSubscriptionEvents(
    OperationRunsChangedSubscription,
    { workspaceId: workspaceId ?? "", environmentIds: filter.environmentIds ?? null },
    (data) => dispatch({ kind: "update", run: data.operationRunsChanged, filter }),
    !workspaceId,
  );

  const hasNextPage = connection?.pageInfo.hasNextPage ?? false;
  const endCursor = connection?.pageInfo.endCursor ?? null;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t("operations.title")}</Title>
        <Text c="dimmed" size="sm" data-testid="runs-count">
          {t("operations.showing", { shown: String(list.runs.length), total: String(list.totalCount) })}
        </Text>
      </Group>
      <RunFilters filter={filter} onChange={(next) => setSearchParams(runFilterToSearchParams(next))} />
      {result.error && <Alert color="red">{errorMessage(result.error)}</Alert>}
      {list.runs.length > 0 && <RunsTable runs={list.runs} />}
      {result.fetching && (
        <Center>
          <Loader size="sm" />
        </Center>
      )}
      {!result.fetching && list.runs.length === 0 && !result.error && (
        <Text c="dimmed" data-testid="runs-empty">
          {t("operations.empty")}
        </Text>
      )}
      {hasNextPage && !result.fetching && (
        <Center>
          <Button variant="light" onClick={() => setAfter(endCursor)} data-testid="runs-load-more">
            {t("common.loadMore")}
          </Button>
        </Center>
      )}
    </Stack>
  );
}
