import { Anchor, Badge, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { useFormatters } from "../../i18n/useFormatters";
import { RunStatusBadge } from "../operations/RunBadges";
import { CompletenessBadge } from "./CompletenessBadge";
import type { BackupSetRow } from "./documents";
import { unclippedLabel } from "../shared/EnumBadge";
import { TruncatedName } from "../shared/TruncatedName";
import { Time } from "../shared/Time";

export function BackupSetsTable({ sets }: { sets: BackupSetRow[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const navigate = useNavigate();

  return (
    <Table.ScrollContainer minWidth={860} type="native" tabIndex={0}>
      <Table striped highlightOnHover data-testid="backups-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("backups.columns.name")}</Table.Th>
            <Table.Th>{t("backups.columns.environment")}</Table.Th>
            <Table.Th>{t("backups.columns.trigger")}</Table.Th>
            <Table.Th>{t("backups.columns.createdAt")}</Table.Th>
            <Table.Th>{t("backups.columns.items")}</Table.Th>
            <Table.Th>{t("backups.columns.completeness")}</Table.Th>
            <Table.Th>{t("backups.columns.run")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sets.map((set) => {
            const to = `/backups/${encodeURIComponent(set.id)}`;
            return (
              <Table.Tr
                key={set.id}
                data-testid={`backup-row-${set.id}`}
                data-status={set.status}
                style={{ cursor: "pointer" }}
                onClick={() => navigate(to)}
              >
                <Table.Td>
                  <TruncatedName name={set.name} maxWidth={280}>
                    <Anchor component={Link} to={to} onClick={(event) => event.stopPropagation()} fw={500} data-testid="backup-link">
                      {set.name}
                    </Anchor>
                  </TruncatedName>
                </Table.Td>
                <Table.Td>{set.environment?.name ?? "—"}</Table.Td>
                <Table.Td>
                  <Badge variant="outline" color="gray" styles={unclippedLabel}>
                    {t(`backups.trigger.${set.trigger}`)}
                  </Badge>
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <Time value={set.createdAt} />
                </Table.Td>
                <Table.Td data-testid="backup-item-count">
                  <Text size="sm">{set.itemCount === null ? "—" : format.number(set.itemCount)}</Text>
                </Table.Td>
                <Table.Td>
                  <CompletenessBadge set={set} />
                </Table.Td>
                <Table.Td onClick={(event) => event.stopPropagation()}>
                  {set.operationRun ? (
                    <Anchor component={Link} to={`/runs/${encodeURIComponent(set.operationRun.id)}`} data-testid="backup-run-link">
                      <RunStatusBadge status={set.operationRun.status} />
                    </Anchor>
                  ) : (
                    "—"
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
