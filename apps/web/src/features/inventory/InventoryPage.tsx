import { Alert, Center, Group, Loader, MultiSelect, Stack, Switch, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { nodesOf } from "../../graphql/connection";
import { errorMessage } from "../../graphql/errors";
import { useSession } from "../../session/SessionProvider";
import { CursorPager } from "../shared/CursorPager";
import { currentCursor, firstPage } from "./cursorStack";
import type { PolicyFilter } from "../../graphql/generated/graphql";
import { InventoryQuery, isInventoryEnvironment } from "./documents";
import { InventoryCounts } from "./InventoryCounts";
import { PolicyTable } from "./PolicyTable";
import { useLabels } from "../../i18n/useLabels";

export function InventoryPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { environment, can } = useSession();
  const [search, setSearch] = useState("");
  // Debounced so typing sends one query per pause, not one per keystroke.
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  const [types, setTypes] = useState<string[]>([]);
  const [includeDisappeared, setIncludeDisappeared] = useState(false);
  const [cursors, setCursors] = useState(firstPage);

  const filter = useMemo<PolicyFilter>(() => {
    const next: PolicyFilter = {};
    if (types.length) next.types = types;
    if (debouncedSearch) next.search = debouncedSearch;
    if (includeDisappeared) next.includeDisappeared = true;
    return next;
  }, [types, debouncedSearch, includeDisappeared]);

  // Any change of filter or environment returns to the first page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset is keyed on these values only.
  useEffect(() => setCursors(firstPage), [filter, environment?.id]);

  const [result] = useQuery({
    query: InventoryQuery,
    variables: { environmentId: environment?.id ?? "", filter, after: currentCursor(cursors) },
    pause: !environment,
  });
  const node = result.data?.node;
  const inventory = isInventoryEnvironment(node) ? node : null;
  const policies = nodesOf(inventory?.policies);
  const pageInfo = inventory?.policies.pageInfo;

  function toggleType(type: string) {
    setTypes((current) => (current.includes(type) ? current.filter((item) => item !== type) : [...current, type]));
  }

  if (!environment) {
    return <Text c="dimmed">{t("inventory.noEnvironment")}</Text>;
  }

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t("inventory.title", { environment: environment.name })}</Title>
        {inventory && (
          <Text c="dimmed" size="sm" data-testid="policy-count">
            {t("inventory.total", { count: inventory.policies.totalCount })}
          </Text>
        )}
      </Group>
      {inventory && <InventoryCounts counts={inventory.inventoryCounts} selectedTypes={types} onToggleType={toggleType} />}
      <Group align="flex-end">
        <TextInput
          label={t("inventory.search")}
          placeholder={t("inventory.searchPlaceholder")}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          w={280}
          data-testid="inventory-search"
        />
        <MultiSelect
          label={t("inventory.types")}
          placeholder={t("operations.filters.all")}
          data={(inventory?.inventoryCounts ?? []).map((count) => ({ value: count.key, label: labels.objectType(count.key) }))}
          value={types}
          onChange={setTypes}
          clearable
          searchable
          w={320}
          data-testid="inventory-types"
        />
        <Switch
          label={t("inventory.includeDisappeared")}
          checked={includeDisappeared}
          onChange={(event) => setIncludeDisappeared(event.currentTarget.checked)}
          mb={8}
        />
      </Group>
      {result.error && <Alert color="red">{errorMessage(result.error)}</Alert>}
      {result.fetching && !inventory ? (
        <Center>
          <Loader size="sm" />
        </Center>
      ) : policies.length === 0 ? (
        <Text c="dimmed">{t("inventory.empty")}</Text>
      ) : (
        <PolicyTable policies={policies} canCaptureSnapshot={can("backup.run")} />
      )}
      <CursorPager
        always
        cursors={cursors}
        onCursorsChange={setCursors}
        pageInfo={pageInfo}
        pageLabel={t("inventory.page", { page: String(cursors.length) })}
      />
    </Stack>
  );
}
