import { Alert, Center, Group, Loader, MultiSelect, Stack, Switch, Text, Title } from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { useCallback, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { useQuery } from "urql";
import { nodesOf } from "../../graphql/connection";
import { errorMessage } from "../../graphql/errors";
import { useSubscriptionEvents } from "../../graphql/useSubscriptionEvents";
import { useSession } from "../../session/SessionProvider";
import { OperationRunsChangedSubscription } from "../operations/documents";
import { BaselineNamesQuery, FleetConformanceQuery } from "./documents";
import { DriftScheduleControl } from "./DriftScheduleControl";
import { FleetTable } from "./FleetTable";
import { type FleetFilter, apiFleetFilter, fleetFilterParams, readFleetFilter } from "./fleetPaths";

export const DRIFT_CHECK_RUN_TYPE = "drift.check";

/** /fleet: every environment against each assigned baseline, with filters kept in the address. */
export function FleetPage() {
  const { t } = useTranslation();
  const { workspaceId, environments } = useSession();
  const [searchParams, setSearchParams] = useSearchParams();
  const filter = useMemo(() => readFleetFilter(searchParams), [searchParams]);
  const setFilter = (next: Partial<FleetFilter>) => setSearchParams(fleetFilterParams({ ...filter, ...next }), { replace: true });

  const [result, reexecute] = useQuery({
    query: FleetConformanceQuery,
    variables: { workspaceId: workspaceId ?? "", filter: apiFleetFilter(filter) },
    pause: !workspaceId,
    requestPolicy: "cache-and-network",
  });
  const [baselinesResult] = useQuery({ query: BaselineNamesQuery, variables: { workspaceId: workspaceId ?? "" }, pause: !workspaceId });
  const refetch = useCallback(() => reexecute({ requestPolicy: "network-only" }), [reexecute]);
  // A drift check that starts or ends changes a row's state: look again, once per burst of events.
  const refreshSoon = useDebouncedCallback(refetch, 500);
  useSubscriptionEvents(
    OperationRunsChangedSubscription,
    { workspaceId: workspaceId ?? "", environmentIds: null },
    (data) => {
      const run = data.operationRunsChanged;
      if (run.type === DRIFT_CHECK_RUN_TYPE && run.status !== "RUNNING") refreshSoon();
    },
    !workspaceId,
  );

  const rows = result.data?.fleetConformance ?? [];
  const filtered = filter.environmentIds.length > 0 || filter.baselineIds.length > 0 || filter.onlyDrifted;
  const baselineOptions = nodesOf(baselinesResult.data?.baselines).map((baseline) => ({ value: baseline.id, label: baseline.name }));
  const environmentOptions = environments.map((environment) => ({ value: environment.id, label: environment.name }));

  return (
    <Stack>
      <div>
        <Title order={2}>{t("fleet.title")}</Title>
        <Text size="sm" c="dimmed">
          {t("fleet.intro")}
        </Text>
      </div>
      {workspaceId && <DriftScheduleControl workspaceId={workspaceId} />}
      <Group align="flex-end" gap="sm">
        <MultiSelect
          label={t("fleet.filters.environments")}
          placeholder={filter.environmentIds.length === 0 ? t("fleet.filters.all") : undefined}
          data={environmentOptions}
          value={filter.environmentIds}
          onChange={(environmentIds) => setFilter({ environmentIds })}
          searchable
          clearable
          w={{ base: "100%", sm: 260 }}
          data-testid="fleet-filter-environments"
        />
        <MultiSelect
          label={t("fleet.filters.baselines")}
          placeholder={filter.baselineIds.length === 0 ? t("fleet.filters.all") : undefined}
          data={baselineOptions}
          value={filter.baselineIds}
          onChange={(baselineIds) => setFilter({ baselineIds })}
          searchable
          clearable
          w={{ base: "100%", sm: 260 }}
          data-testid="fleet-filter-baselines"
        />
        <Switch
          label={t("fleet.filters.onlyDrifted")}
          checked={filter.onlyDrifted}
          onChange={(event) => setFilter({ onlyDrifted: event.currentTarget.checked })}
          mb={8}
          data-testid="fleet-filter-drifted"
        />
      </Group>
      {result.error && !result.data && <Alert color="red">{errorMessage(result.error)}</Alert>}
      {!result.data && result.fetching && (
        <Center>
          <Loader />
        </Center>
      )}
      {result.data && rows.length === 0 && (
        <Text c="dimmed" data-testid="fleet-empty">
          {filtered ? t("fleet.emptyFiltered") : t("fleet.empty")}
        </Text>
      )}
      {rows.length > 0 && <FleetTable rows={rows} />}
    </Stack>
  );
}
