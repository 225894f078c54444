import { Accordion, Alert, Badge, Card, Center, Group, Loader, MultiSelect, Stack, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import type { SummaryCount } from "../../graphql/connection";
import { nodesOf } from "../../graphql/connection";
import { errorMessage } from "../../graphql/errors";
import { currentCursor, firstPage } from "../inventory/cursorStack";
import { CursorPager } from "../shared/CursorPager";
import { BackupItemsTable } from "./BackupItemsTable";
import type { BackupItemFilter } from "../../graphql/generated/graphql";
import { BackupSetItemsQuery, itemsOf } from "./documents";
import { groupItemsByType } from "./groupItems";
import { ObjectTypeLabel } from "../shared/ObjectTypeLabel";
import { useLabels } from "../../i18n/useLabels";

/** The set's objects grouped by type; search and type filter run on the server. */
interface BackupItemsSectionProps {
  backupSetId: string;
  itemCounts: SummaryCount[];
  /** Changes when the set does (e.g. capture finished): the items are fetched again. */
  refreshKey: string;
}

export function BackupItemsSection({ backupSetId, itemCounts, refreshKey }: BackupItemsSectionProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [search, setSearch] = useState("");
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  const [types, setTypes] = useState<string[]>([]);
  const [cursors, setCursors] = useState(firstPage);
  const [collapsed, setCollapsed] = useState<string[]>([]);

  const filter = useMemo<BackupItemFilter>(() => {
    const next: BackupItemFilter = {};
    if (types.length) next.objectTypes = types;
    if (debouncedSearch) next.search = debouncedSearch;
    return next;
  }, [types, debouncedSearch]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset is keyed on these values only.
  useEffect(() => setCursors(firstPage), [filter, backupSetId]);

  const [result, reexecute] = useQuery({
    query: BackupSetItemsQuery,
    variables: { id: backupSetId, filter, after: currentCursor(cursors) },
  });
  const lastRefreshKey = useRef(refreshKey);
  useEffect(() => {
    if (lastRefreshKey.current === refreshKey) return;
    lastRefreshKey.current = refreshKey;
    reexecute({ requestPolicy: "network-only" });
  }, [refreshKey, reexecute]);
  const connection = itemsOf(result.data?.node);
  const groups = groupItemsByType(nodesOf(connection));
  const typeOptions = itemCounts.map((count) => ({ value: count.key, label: `${labels.objectType(count.key)} (${count.value})` }));

  return (
    <Card withBorder data-testid="backup-items-section">
      <Stack>
        <Group justify="space-between">
          <Title order={4}>{t("backupDetail.itemsTitle")}</Title>
          {connection && (
            <Text size="sm" c="dimmed" data-testid="backup-items-count">
              {t("backupDetail.itemsShowing", {
                shown: String(groups.reduce((sum, group) => sum + group.items.length, 0)),
                total: String(connection.totalCount),
              })}
            </Text>
          )}
        </Group>
        <Group align="flex-end">
          <TextInput
            label={t("backupDetail.search")}
            placeholder={t("backupDetail.searchPlaceholder")}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            w={280}
            data-testid="backup-item-search"
          />
          <MultiSelect
            label={t("backupDetail.types")}
            placeholder={t("backupDetail.allTypes")}
            data={typeOptions}
            value={types}
            onChange={setTypes}
            clearable
            searchable
            w={360}
            data-testid="backup-item-types"
          />
        </Group>
        {result.error && <Alert color="red">{errorMessage(result.error)}</Alert>}
        {result.fetching && !connection ? (
          <Center>
            <Loader size="sm" />
          </Center>
        ) : groups.length === 0 ? (
          <Text c="dimmed" data-testid="backup-items-empty">
            {t("backupDetail.noItems")}
          </Text>
        ) : (
          <Accordion
            multiple
            variant="separated"
            value={groups.map((group) => group.objectType).filter((type) => !collapsed.includes(type))}
            onChange={(open) => setCollapsed(groups.map((group) => group.objectType).filter((type) => !open.includes(type)))}
          >
            {groups.map((group) => (
              <Accordion.Item key={group.objectType} value={group.objectType} data-testid={`backup-item-group-${group.objectType}`}>
                <Accordion.Control>
                  <Group gap="xs">
                    <Text fw={500} component="div">
                      <ObjectTypeLabel type={group.objectType} size="md" />
                    </Text>
                    <Badge size="sm" variant="light" color="gray">
                      {group.items.length}
                    </Badge>
                  </Group>
                </Accordion.Control>
                <Accordion.Panel>
                  <BackupItemsTable items={group.items} />
                </Accordion.Panel>
              </Accordion.Item>
            ))}
          </Accordion>
        )}
        <CursorPager cursors={cursors} onCursorsChange={setCursors} pageInfo={connection?.pageInfo} />
      </Stack>
    </Card>
  );
}
