import { Card, Center, Code, List, Loader, Stack, Table, Text, Title, Tooltip } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { RestoreItem } from "../restores/documents";
import { RestoreItemName } from "../restores/RestoreItemName";
import { ObjectTypeLabel } from "../shared/ObjectTypeLabel";
import { ItemOutcomeBadge, RestoreActionBadge } from "../restores/RestoreBadges";
import { ActionFilterBar } from "../restore-wizard/ActionFilterBar";
import { useActionFilter } from "../restore-wizard/useActionFilter";
import { describeAcceptance } from "./acceptance";

/** Second: every item's result, with what the provider accepted and what was left out or failed. */
export function RestoreOutcomeTable({ items, loading }: { items: RestoreItem[] | null; loading: boolean }) {
  const { t } = useTranslation();
  const { rows, bar } = useActionFilter(items ?? []);
  return (
    <Card withBorder id="restore-items" data-testid="restore-items-section">
      <Stack>
        <Title order={4}>{t("restoreRun.detail.itemsTitle")}</Title>
        {!items && loading ? (
          <Center>
            <Loader size="sm" />
          </Center>
        ) : !items || items.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t("restoreRun.detail.noItems")}
          </Text>
        ) : (
          <Stack gap="xs">
            <ActionFilterBar {...bar} />
            <Table.ScrollContainer minWidth={820} type="native" tabIndex={0}>
              <Table withTableBorder striped data-testid="restore-items-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("restoreRun.detail.itemColumns.name")}</Table.Th>
                    <Table.Th w={130}>{t("restoreRun.detail.itemColumns.outcome")}</Table.Th>
                    <Table.Th w={130}>{t("restoreRun.detail.itemColumns.action")}</Table.Th>
                    <Table.Th w={180}>{t("restoreRun.detail.itemColumns.target")}</Table.Th>
                    <Table.Th w={200}>{t("restoreRun.detail.itemColumns.acceptance")}</Table.Th>
                    <Table.Th>{t("restoreRun.detail.itemColumns.notes")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((item) => (
                    <Table.Tr key={item.id} data-testid="restore-item-row" data-outcome={item.outcome} data-name={item.displayName}>
                      <Table.Td>
                        <RestoreItemName displayName={item.displayName} isFoundation={item.isFoundation} />
                        <ObjectTypeLabel type={item.objectType} size="xs" />
                      </Table.Td>
                      <Table.Td>
                        <ItemOutcomeBadge outcome={item.outcome} />
                      </Table.Td>
                      <Table.Td>
                        <RestoreActionBadge action={item.action} />
                      </Table.Td>
                      <Table.Td style={{ wordBreak: "break-all" }}>
                        <Text size="xs" ff="monospace" data-testid="restore-item-target">
                          {item.targetProviderId ?? "—"}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {item.providerAcceptance ? (
                          <Tooltip label={item.providerAcceptance} multiline w={360}>
                            <Code data-testid="restore-item-acceptance" style={{ wordBreak: "break-all" }}>
                              {describeAcceptance(item.providerAcceptance)}
                            </Code>
                          </Tooltip>
                        ) : (
                          "—"
                        )}
                      </Table.Td>
                      <Table.Td>
                        {item.unmappedReferences.length > 0 && (
                          <List size="xs" data-testid="restore-item-unmapped">
                            {item.unmappedReferences.map((reference) => (
                              <List.Item key={`${reference.kind}:${reference.sourceId}`}>
                                {t("restoreRun.detail.unmapped", {
                                  kind: reference.kind,
                                  name: reference.displayName ?? reference.sourceId,
                                })}
                              </List.Item>
                            ))}
                          </List>
                        )}
                        {item.error && (
                          <Text size="xs" c="red" data-testid="restore-item-error">
                            <Text span ff="monospace" size="xs">
                              {item.error.reasonCode}
                            </Text>
                            : {item.error.message}
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
