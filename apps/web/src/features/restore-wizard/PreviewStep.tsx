import { Alert, Badge, Button, Card, Center, Loader, SimpleGrid, Stack, Table, Text } from "@mantine/core";
import { Fragment, useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormatters } from "../../i18n/useFormatters";
import { DiffTable } from "../policy-history/DiffTable";
import type { RestoreItem, RestoreRun } from "../restores/documents";
import { RestoreItemName } from "../restores/RestoreItemName";
import { RestoreActionBadge } from "../restores/RestoreBadges";
import { ActionFilterBar } from "./ActionFilterBar";
import { useActionFilter } from "./useActionFilter";
import { StickyActionBar } from "./StickyActionBar";
import { SwitchOnControl } from "./SwitchOnControl";
import { useSwitchOn } from "./useSwitchOn";

const summaryKeys = ["create", "update", "noChange", "skip"] as const;

interface PreviewStepProps {
  run: RestoreRun;
  items: RestoreItem[];
  loading: boolean;
  error: string | null;
  onNext: () => void;
  /** After a Conditional Access policy was switched on or off: its checks and preview run again. */
  onPreviewStarted: (run: RestoreRun) => void;
}

/** Step 4: what the restore would do per item, each expandable to its setting-by-setting diff. */
export function PreviewStep({ run, items, loading, error, onNext, onPreviewStarted }: PreviewStepProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const [expanded, setExpanded] = useState<string[]>([]);
  const { rows, bar } = useActionFilter(items);
  const summary = new Map(run.previewSummary.map((count) => [count.key, count.value]));
  const switching = useSwitchOn(run, items, onPreviewStarted);
  const toggle = (id: string) => setExpanded((open) => (open.includes(id) ? open.filter((entry) => entry !== id) : [...open, id]));

  return (
    <Stack pt="md" data-testid="restore-preview-step">
      <SimpleGrid cols={{ base: 2, sm: 4 }} data-testid="restore-preview-summary">
        {summaryKeys.map((key) => (
          <Card key={key} withBorder padding="xs" data-testid={`restore-summary-${key}`} data-value={summary.get(key) ?? 0}>
            <Text size="xs" c="dimmed">
              {t(`restoreWizard.preview.summary.${key}`)}
            </Text>
            <Text fw={700} size="lg">
              {format.number(summary.get(key) ?? 0)}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
      {error && <Alert color="red">{error}</Alert>}
      {switching.error && <Alert color="red">{switching.error}</Alert>}
      {loading ? (
        <Center>
          <Loader size="sm" />
        </Center>
      ) : items.length === 0 ? (
        <Text c="dimmed">{t("restoreWizard.preview.empty")}</Text>
      ) : (
        <Stack gap="xs">
          <ActionFilterBar {...bar} />
          <Table withTableBorder data-testid="restore-preview-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={140}>{t("restoreWizard.preview.columns.action")}</Table.Th>
                <Table.Th>{t("restoreWizard.preview.columns.name")}</Table.Th>
                <Table.Th>{t("restoreWizard.preview.columns.type")}</Table.Th>
                <Table.Th w={200}>{t("restoreWizard.preview.columns.changes")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((item) => {
                const open = expanded.includes(item.id);
                return (
                  <Fragment key={item.id}>
                    <Table.Tr data-testid="restore-preview-row" data-action={item.action ?? ""} data-name={item.displayName}>
                      <Table.Td>
                        <RestoreActionBadge action={item.action} />
                      </Table.Td>
                      <Table.Td>
                        <RestoreItemName displayName={item.displayName} isFoundation={item.isFoundation}>
                          {item.previewOnly && (
                            <Badge size="xs" color="orange">
                              {t("restoreWizard.scope.previewOnly")}
                            </Badge>
                          )}
                        </RestoreItemName>
                        {item.unmappedReferences.length > 0 && (
                          <Text size="xs" c="orange" data-testid="restore-preview-unmapped">
                            {t("restoreWizard.preview.unmapped", {
                              names: item.unmappedReferences.map((reference) => reference.displayName ?? reference.sourceId).join(", "),
                            })}
                          </Text>
                        )}
                        {item.switchable && (
                          <SwitchOnControl item={item} disabled={switching.switching} onChange={(on) => switching.switchOn(item, on)} />
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" c="dimmed">
                          {item.objectType}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {item.changes.length > 0 ? (
                          <Button size="compact-xs" variant="subtle" onClick={() => toggle(item.id)} data-testid="restore-preview-toggle">
                            {open ? t("restoreWizard.preview.hideDiff") : t("restoreWizard.preview.showDiff")} ·{" "}
                            {t("restoreWizard.preview.changeCount", { count: item.changes.length })}
                          </Button>
                        ) : (
                          <Text size="xs" c="dimmed">
                            —
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                    {open && (
                      <Table.Tr data-testid="restore-preview-diff">
                        <Table.Td colSpan={4}>
                          <Stack gap={4}>
                            <Text size="xs" c="dimmed">
                              {t("restoreWizard.preview.diffExplained")}
                            </Text>
                            <DiffTable changes={item.changes} />
                          </Stack>
                        </Table.Td>
                      </Table.Tr>
                    )}
                  </Fragment>
                );
              })}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
      <StickyActionBar>
        <Button onClick={onNext} data-testid="restore-preview-next">
          {t("common.next")}
        </Button>
      </StickyActionBar>
    </Stack>
  );
}
