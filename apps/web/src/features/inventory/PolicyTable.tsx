import { Anchor, Badge, Group, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useFormatters } from "../../i18n/useFormatters";
import { CaptureSnapshotButton } from "./CaptureSnapshotButton";
import type { PolicyRow } from "./documents";
import { ObjectTypeLabel } from "../shared/ObjectTypeLabel";
import { Time } from "../shared/Time";

export function PolicyTable({ policies, canCaptureSnapshot }: { policies: PolicyRow[]; canCaptureSnapshot: boolean }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    // The actions column makes the table wider than narrow screens: scroll it rather than squeeze names.
    <Table.ScrollContainer minWidth={1000} type="native" tabIndex={0}>
      <Table striped highlightOnHover data-testid="policy-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("inventory.columns.displayName")}</Table.Th>
            <Table.Th>{t("inventory.columns.objectType")}</Table.Th>
            <Table.Th>{t("inventory.columns.odataType")}</Table.Th>
            <Table.Th>{t("inventory.columns.settingsCount")}</Table.Th>
            <Table.Th>{t("inventory.columns.lastObservedAt")}</Table.Th>
            <Table.Th>{t("inventory.columns.actions")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {policies.map((policy) => (
            <Table.Tr key={policy.id} data-testid={`policy-row-${policy.id}`}>
              <Table.Td>
                <Text
                  size="sm"
                  fw={500}
                  td={policy.disappearedAt ? "line-through" : undefined}
                  maw={320}
                  className="truncate"
                  title={policy.displayName}
                >
                  {policy.displayName}
                </Text>
                {policy.disappearedAt && (
                  <Badge color="gray" size="xs">
                    {t("inventory.disappeared", { when: format.date(policy.disappearedAt) })}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <ObjectTypeLabel type={policy.objectType} />
              </Table.Td>
              <Table.Td>
                <Text size="xs" ff="monospace">
                  {policy.odataType ?? "—"}
                </Text>
              </Table.Td>
              <Table.Td>{policy.settingsCount ?? "—"}</Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <Time value={policy.lastObservedAt} />
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  {canCaptureSnapshot && !policy.disappearedAt && <CaptureSnapshotButton policy={policy} />}
                  {policy.versions[0] && (
                    <Anchor
                      component={Link}
                      to={`/versions/${encodeURIComponent(policy.versions[0].id)}`}
                      size="sm"
                      data-testid={`policy-history-${policy.id}`}
                    >
                      {t("inventory.history")}
                    </Anchor>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
