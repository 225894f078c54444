import { Anchor, Badge, Group, Table, Text, Tooltip } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { BackupItemRow } from "./documents";
import { useLabels } from "../../i18n/useLabels";
import { Time } from "../shared/Time";

export function BackupItemsTable({ items }: { items: BackupItemRow[] }) {
  const { t } = useTranslation();
  const labels = useLabels();
  return (
    <Table.ScrollContainer minWidth={640} type="native" tabIndex={0}>
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
                  <Text size="sm" fw={500} className="truncate" title={item.displayName} tabIndex={0} maw={420}>
                    {item.displayName}
                  </Text>
                  {item.isFoundation && (
                    <Badge size="xs" variant="outline" color="gray">
                      {t("backupDetail.foundation")}
                    </Badge>
                  )}
                  {item.gaps.map((gap) => (
                    <Tooltip key={gap.code} label={gap.message} multiline w={320}>
                      <Badge size="xs" color="orange" data-testid="backup-item-gap" data-code={gap.code}>
                        {labels.proofGapTitle(gap.code)}
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
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <Time value={item.policyVersion?.capturedAt} />
              </Table.Td>
              <Table.Td>
                {item.policyVersion && (
                  <Anchor
                    component={Link}
                    to={`/versions/${encodeURIComponent(item.policyVersion.id)}`}
                    size="sm"
                    data-testid="item-history"
                  >
                    {t("backupDetail.history")}
                  </Anchor>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
