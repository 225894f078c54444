import { Group, MultiSelect, Switch } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useSession } from "../../session/SessionProvider";
import type { OperationRunFilter, OperationRunOutcome, OperationRunStatus } from "../../graphql/generated/graphql";
import { runOutcomes, runStatuses, runTypes } from "./runEnums";
import { useLabels } from "../../i18n/useLabels";

interface RunFiltersProps {
  filter: OperationRunFilter;
  onChange: (filter: OperationRunFilter) => void;
}

/** Returns the filter with one dimension set, omitting it entirely when empty (API: "no filter"). */
function withDimension<K extends keyof OperationRunFilter>(
  filter: OperationRunFilter,
  key: K,
  value: OperationRunFilter[K],
): OperationRunFilter {
  const next = { ...filter };
  const isEmpty = value === undefined || (Array.isArray(value) && value.length === 0);
  if (isEmpty) delete next[key];
  else next[key] = value;
  return next;
}

export function RunFilters({ filter, onChange }: RunFiltersProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { environments } = useSession();

  return (
    <Group align="flex-end" gap="sm" data-testid="run-filters">
      <MultiSelect
        label={t("operations.filters.environments")}
        placeholder={t("operations.filters.all")}
        w={220}
        clearable
        searchable
        data={environments.map((environment) => ({ value: environment.id, label: environment.name }))}
        value={filter.environmentIds ?? []}
        onChange={(value) => onChange(withDimension(filter, "environmentIds", value))}
        data-testid="filter-environments"
      />
      <MultiSelect
        label={t("operations.filters.types")}
        placeholder={t("operations.filters.all")}
        w={240}
        clearable
        data={runTypes.map((type) => ({ value: type, label: labels.operationType(type) }))}
        value={filter.types ?? []}
        onChange={(value) => onChange(withDimension(filter, "types", value))}
        data-testid="filter-types"
      />
      <MultiSelect
        label={t("operations.filters.statuses")}
        placeholder={t("operations.filters.all")}
        w={200}
        clearable
        data={runStatuses.map((status) => ({ value: status, label: t(`runStatus.${status}`) }))}
        value={filter.statuses ?? []}
        onChange={(value) => onChange(withDimension(filter, "statuses", value as OperationRunStatus[]))}
        data-testid="filter-statuses"
      />
      <MultiSelect
        label={t("operations.filters.outcomes")}
        placeholder={t("operations.filters.all")}
        w={240}
        clearable
        data={runOutcomes.map((outcome) => ({ value: outcome, label: t(`runOutcome.${outcome}`) }))}
        value={filter.outcomes ?? []}
        onChange={(value) => onChange(withDimension(filter, "outcomes", value as OperationRunOutcome[]))}
        data-testid="filter-outcomes"
      />
      <Switch
        label={t("operations.filters.hasProofGaps")}
        checked={filter.hasProofGaps ?? false}
        onChange={(event) => onChange(withDimension(filter, "hasProofGaps", event.currentTarget.checked ? true : undefined))}
        mb={8}
        data-testid="filter-proof-gaps"
      />
    </Group>
  );
}
