import { Anchor, Badge, Group, Table, Text, Tooltip } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useFormatters } from "../../i18n/useFormatters";
import type { BackupItemRow } from "./documents";

export function BackupItemsTable({ items }: { items: BackupItemRow[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Table striped layout="fixed" data-testid="backup-items-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t("backupDetail.itemColumns.displayName")}</Table.Th>
          <Table.Th w={160}>{t("backupDetail.itemColumns.hash")}</Table.Th>
          <Table.Th w={180}>{t("backupDetail.itemColumns.capturedAt")}</Table.Th>
          <Table.Th w={90} />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((item) => (
          <Table.Tr key={item.id} data-testid={`backup-item-${item.displayName}`}>
            <Table.Td>
              <Group gap="xs">
                <Text size="sm" fw={500}>
                  {item.displayName}
                </Text>
                {item.isFoundation && (
                  <Badge size="xs" variant="outline" color="gray">
                    {t("backupDetail.foundation")}
                  </Badge>
                )}
                {item.gaps.map((gap) => (
                  <Tooltip key={gap.code} label={gap.message} multiline w={320}>
                    <Badge size="xs" color="orange" data-testid="backup-item-gap">
                      {gap.code}
                    </Badge>
                  </Tooltip>
                ))}
              </Group>
            </Table.Td>
            <Table.Td>
              {item.policyVersion ? (
                <Tooltip label={item.policyVersion.contentHash}>
                  <Text size="xs" ff="monospace">
                    {item.policyVersion.contentHash.slice(0, 12)}
                  </Text>
                </Tooltip>
              ) : (
                "—"
              )}
            </Table.Td>
            <Table.Td style={{ whiteSpace: "nowrap" }}>{format.shortDateTime(item.policyVersion?.capturedAt)}</Table.Td>
            <Table.Td>
              {item.policyVersion && (
                <Anchor component={Link} to={`/versions/${encodeURIComponent(item.policyVersion.id)}`} size="sm" data-testid="item-history">
                  {t("backupDetail.history")}
                </Anchor>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
