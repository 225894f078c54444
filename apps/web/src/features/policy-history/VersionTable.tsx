import { Anchor, Badge, Group, Radio, Table, Text, Tooltip } from "@mantine/core";
import { Link } from "react-router";
import { useSession } from "../../session/SessionProvider";
import { useTranslation } from "react-i18next";
import { useFormatters } from "../../i18n/useFormatters";
import type { PolicyVersionSummary } from "./documents";
import { Time } from "../shared/Time";

interface VersionTableProps {
  versions: PolicyVersionSummary[];
  openedId: string;
  fromId: string | null;
  toId: string | null;
  onPick: (side: "from" | "to", id: string) => void;
}

/** The restore wizard with this backup as the source and only this item in scope. */
function restoreVersionPath(backupSetId: string, backupItemId: string): string {
  return `/restore/new?${new URLSearchParams({ backupSet: backupSetId, items: backupItemId })}`;
}

/** The policy's versions, newest first, with the two compared ones picked in From / To. */
export function VersionTable({ versions, openedId, fromId, toId, onPick }: VersionTableProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { can } = useSession();
  const comparing = versions.length > 1;
  const canRestore = can("restore.preview");
  return (
    <Table.ScrollContainer minWidth={520} type="native" tabIndex={0}>
      <Table striped highlightOnHover data-testid="version-table">
        <Table.Thead>
          <Table.Tr>
            {comparing && <Table.Th w={60}>{t("policyHistory.columns.from")}</Table.Th>}
            {comparing && <Table.Th w={60}>{t("policyHistory.columns.to")}</Table.Th>}
            <Table.Th>{t("policyHistory.columns.capturedAt")}</Table.Th>
            <Table.Th>{t("policyHistory.columns.hash")}</Table.Th>
            <Table.Th>{t("policyHistory.columns.size")}</Table.Th>
            {canRestore && <Table.Th>{t("policyHistory.columns.restore")}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {versions.map((version, index) => (
            <Table.Tr
              key={version.id}
              data-testid={`version-row-${version.id}`}
              data-from={version.id === fromId}
              data-to={version.id === toId}
            >
              {comparing && (
                <Table.Td>
                  <Radio
                    aria-label={t("policyHistory.columns.from")}
                    checked={version.id === fromId}
                    onChange={() => onPick("from", version.id)}
                    data-testid="version-pick-from"
                  />
                </Table.Td>
              )}
              {comparing && (
                <Table.Td>
                  <Radio
                    aria-label={t("policyHistory.columns.to")}
                    checked={version.id === toId}
                    onChange={() => onPick("to", version.id)}
                    data-testid="version-pick-to"
                  />
                </Table.Td>
              )}
              <Table.Td>
                <Group gap="xs">
                  <Text size="sm">
                    <Time value={version.capturedAt} />
                  </Text>
                  {index === 0 && (
                    <Badge size="xs" variant="light">
                      {t("policyHistory.newest")}
                    </Badge>
                  )}
                  {version.id === openedId && (
                    <Badge size="xs" variant="outline" color="gray">
                      {t("policyHistory.opened")}
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <Tooltip label={version.contentHash}>
                  <Text size="xs" ff="monospace">
                    {version.contentHash.slice(0, 16)}
                  </Text>
                </Tooltip>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{t("policyHistory.bytes", { size: format.number(version.payloadBytes) })}</Text>
              </Table.Td>
              {canRestore && (
                <Table.Td>
                  {version.newestBackupItem?.backupSet && (
                    <Anchor
                      component={Link}
                      size="sm"
                      style={{ whiteSpace: "nowrap" }}
                      to={restoreVersionPath(version.newestBackupItem.backupSet.id, version.newestBackupItem.id)}
                      data-testid="version-restore"
                    >
                      {t("policyHistory.restoreThisVersion")}
                    </Anchor>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
