import { Anchor, Button, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { useFormatters } from "../../i18n/useFormatters";
import { useSession } from "../../session/SessionProvider";
import type { RestoreRunRow } from "./listDocuments";
import { AttentionStateBadge, DryRunBadge, RestoreStatusBadge } from "./RestoreBadges";
import { restoreStage } from "./restoreEnums";
import { Time } from "../shared/Time";

export function RestoreRunsTable({ runs }: { runs: RestoreRunRow[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const navigate = useNavigate();
  // Readonly members (auditors) read restores; continuing a plan needs restore.preview.
  const canPlan = useSession().can("restore.preview");

  return (
    <Table.ScrollContainer minWidth={860} type="native" tabIndex={0}>
      <Table striped highlightOnHover data-testid="restores-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("restoreRun.list.columns.createdAt")}</Table.Th>
            <Table.Th>{t("restoreRun.list.columns.target")}</Table.Th>
            <Table.Th>{t("restoreRun.list.columns.source")}</Table.Th>
            <Table.Th>{t("restoreRun.list.columns.mode")}</Table.Th>
            <Table.Th>{t("restoreRun.list.columns.status")}</Table.Th>
            <Table.Th>{t("restoreRun.list.columns.result")}</Table.Th>
            <Table.Th>{t("restoreRun.list.columns.items")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {runs.map((run) => {
            const to = `/restores/${encodeURIComponent(run.id)}`;
            const planning = canPlan && restoreStage(run.status) === "planning";
            const wizard = `/restore/new?${new URLSearchParams({ backupSet: run.sourceBackupSet?.id ?? "", run: run.id })}`;
            return (
              <Table.Tr
                key={run.id}
                data-testid={`restore-row-${run.id}`}
                data-status={run.status}
                style={{ cursor: "pointer" }}
                onClick={() => navigate(to)}
              >
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <Anchor component={Link} to={to} onClick={(event) => event.stopPropagation()} data-testid="restore-link">
                    <Time value={run.createdAt} />
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {run.targetLabel}
                  </Text>
                </Table.Td>
                <Table.Td>{run.sourceBackupSet?.name ?? "—"}</Table.Td>
                <Table.Td>
                  <DryRunBadge dryRun={run.dryRun} />
                </Table.Td>
                <Table.Td>
                  <RestoreStatusBadge status={run.status} />
                </Table.Td>
                <Table.Td onClick={(event) => planning && event.stopPropagation()}>
                  {planning ? (
                    <Button component={Link} to={wizard} size="compact-xs" variant="light" data-testid="restore-continue">
                      {t("restoreRun.list.continue")}
                    </Button>
                  ) : (
                    <AttentionStateBadge state={run.resultAttention.state} />
                  )}
                </Table.Td>
                <Table.Td>
                  {format.number(run.counts.succeeded)} / {format.number(run.counts.total)}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
