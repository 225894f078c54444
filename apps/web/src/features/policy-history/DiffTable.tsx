import { Badge, Code, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { SettingChangeKind } from "../../graphql/generated/graphql";
import { readSettingValue } from "./settingValue";
import { unclippedLabel } from "../shared/EnumBadge";

const kindColor = { ADDED: "green", REMOVED: "red", CHANGED: "blue" } as const satisfies Record<SettingChangeKind, string>;

/** One changed setting; `before` and `after` are JSON text, null where the side lacks the setting. */
export interface DiffRow {
  kind: SettingChangeKind;
  path: string;
  before: string | null;
  after: string | null;
}

/**
 * One row per changed setting: never the raw payloads, only path, before and after. `columns`
 * names the two sides where they are not two points in time (a baseline and a tenant).
 */
export function DiffTable({ changes, columns }: { changes: DiffRow[]; columns?: { before: string; after: string } }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={560} type="native" tabIndex={0}>
      <Table withTableBorder striped data-testid="diff-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={110}>{t("policyHistory.diffColumns.change")}</Table.Th>
            <Table.Th>{t("policyHistory.diffColumns.path")}</Table.Th>
            <Table.Th>{columns?.before ?? t("policyHistory.diffColumns.before")}</Table.Th>
            <Table.Th>{columns?.after ?? t("policyHistory.diffColumns.after")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {changes.map((change) => (
            <Table.Tr key={`${change.kind}:${change.path}`} data-testid="diff-row" data-path={change.path} data-kind={change.kind}>
              <Table.Td>
                <Badge color={kindColor[change.kind]} variant="light" styles={unclippedLabel}>
                  {t(`policyHistory.kind.${change.kind}`)}
                </Badge>
              </Table.Td>
              <Table.Td style={{ wordBreak: "break-all" }}>
                <Text size="sm" ff="monospace">
                  {change.path}
                </Text>
              </Table.Td>
              <Table.Td data-testid="diff-before">
                <SettingValueCell json={change.before} />
              </Table.Td>
              <Table.Td data-testid="diff-after">
                <SettingValueCell json={change.after} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function SettingValueCell({ json }: { json: string | null }) {
  const { t } = useTranslation();
  const value = readSettingValue(json);
  if (value.kind === "absent") {
    return (
      <Text size="sm" c="dimmed" fs="italic">
        {t("policyHistory.notSet")}
      </Text>
    );
  }
  if (value.kind === "structure") return <Code block>{value.text}</Code>;
  return (
    <Text size="sm" ff="monospace" style={{ wordBreak: "break-word" }}>
      {value.text}
    </Text>
  );
}
