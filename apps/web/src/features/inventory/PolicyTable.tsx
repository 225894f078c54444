import { Badge, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useFormatters } from "../../i18n/useFormatters";
import type { PolicyRow } from "./documents";

export function PolicyTable({ policies }: { policies: PolicyRow[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Table striped highlightOnHover data-testid="policy-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t("inventory.columns.displayName")}</Table.Th>
          <Table.Th>{t("inventory.columns.objectType")}</Table.Th>
          <Table.Th>{t("inventory.columns.odataType")}</Table.Th>
          <Table.Th>{t("inventory.columns.settingsCount")}</Table.Th>
          <Table.Th>{t("inventory.columns.lastObservedAt")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {policies.map((policy) => (
          <Table.Tr key={policy.id} data-testid={`policy-row-${policy.id}`}>
            <Table.Td>
              <Text size="sm" fw={500} td={policy.disappearedAt ? "line-through" : undefined}>
                {policy.displayName}
              </Text>
              {policy.disappearedAt && (
                <Badge color="gray" size="xs">
                  {t("inventory.disappeared", { when: format.dateTime(policy.disappearedAt) })}
                </Badge>
              )}
            </Table.Td>
            <Table.Td>{policy.objectType}</Table.Td>
            <Table.Td>
              <Text size="xs" ff="monospace">
                {policy.odataType ?? "—"}
              </Text>
            </Table.Td>
            <Table.Td>{policy.settingsCount ?? "—"}</Table.Td>
            <Table.Td style={{ whiteSpace: "nowrap" }}>{format.shortDateTime(policy.lastObservedAt)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
