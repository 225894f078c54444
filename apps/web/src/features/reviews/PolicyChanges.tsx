import { Group, Stack, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ObjectTypeLabel } from "../shared/ObjectTypeLabel";

interface PolicyChange {
  objectType: string;
  displayName: string;
  kind: string;
  settings: { kind: string; path: string; before?: string | null; after?: string | null }[];
}

/** Changed policies with their setting-level differences (a review's changes, or between two reviews). */
export function PolicyChanges({ policies, emptyLabel }: { policies: PolicyChange[]; emptyLabel: string }) {
  const { t } = useTranslation();
  if (policies.length === 0) return <Text size="sm">{emptyLabel}</Text>;
  return policies.map((policy) => (
    <Stack
      key={`${policy.objectType}:${policy.displayName}`}
      gap={4}
      data-testid="review-change"
      data-name={policy.displayName}
      data-kind={policy.kind}
    >
      <Group gap="xs" wrap="wrap">
        <Text fw={600}>{policy.displayName}</Text>
        <ObjectTypeLabel type={policy.objectType} size="xs" />
        {/* added, removed or changed: the words of a policy history's setting changes. */}
        <Text span size="xs" c="dimmed">
          {t(`policyHistory.kind.${policy.kind.toUpperCase()}` as "policyHistory.kind.CHANGED", { defaultValue: policy.kind })}
        </Text>
      </Group>
      {policy.settings.length > 0 && (
        <Table withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("reviews.setting")}</Table.Th>
              <Table.Th>{t("reviews.before")}</Table.Th>
              <Table.Th>{t("reviews.after")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {policy.settings.map((setting) => (
              <Table.Tr key={setting.path} data-testid="review-setting-change" data-path={setting.path}>
                <Table.Td>{setting.path}</Table.Td>
                <Table.Td>{setting.before ?? "—"}</Table.Td>
                <Table.Td>{setting.after ?? "—"}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  ));
}
