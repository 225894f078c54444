import { Anchor, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { useFormatters } from "../../i18n/useFormatters";
import { TruncatedName } from "../shared/TruncatedName";
import { CheckProof } from "./CheckProof";
import type { FleetRow } from "./documents";
import { findingsPath } from "./fleetPaths";

/** A count that is not zero stands out; null (never checked) reads as a dash. */
function Count({ value, alarm, testId }: { value: number | null | undefined; alarm?: boolean; testId: string }) {
  const format = useFormatters();
  if (value === null || value === undefined) {
    return (
      <Text size="sm" c="dimmed" data-testid={testId}>
        —
      </Text>
    );
  }
  return (
    <Text size="sm" fw={alarm && value > 0 ? 700 : 400} c={alarm && value > 0 ? "red" : undefined} data-testid={testId} data-value={value}>
      {format.number(value)}
    </Text>
  );
}

/** One row per environment and assigned baseline; a row opens the environment's findings. */
export function FleetTable({ rows }: { rows: FleetRow[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Table.ScrollContainer minWidth={900} type="native" tabIndex={0}>
      <Table striped highlightOnHover data-testid="fleet-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("fleet.columns.environment")}</Table.Th>
            <Table.Th>{t("fleet.columns.baseline")}</Table.Th>
            <Table.Th>{t("fleet.columns.equal")}</Table.Th>
            <Table.Th>{t("fleet.columns.changed")}</Table.Th>
            <Table.Th>{t("fleet.columns.missing")}</Table.Th>
            <Table.Th>{t("fleet.columns.unmanaged")}</Table.Th>
            <Table.Th>{t("fleet.columns.openFindings")}</Table.Th>
            <Table.Th>{t("fleet.columns.lastCheck")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => {
            const to = findingsPath(row.environment.id);
            return (
              <Table.Tr
                key={`${row.environment.id}/${row.baseline.id}`}
                data-testid="fleet-row"
                data-environment={row.environment.name}
                data-baseline={row.baseline.name}
                data-drifted={row.drifted}
                style={{ cursor: "pointer" }}
                onClick={() => navigate(to)}
              >
                <Table.Td>
                  <TruncatedName name={row.environment.name} maxWidth={200}>
                    <Anchor
                      component={Link}
                      to={to}
                      fw={500}
                      onClick={(event) => event.stopPropagation()}
                      aria-label={t("fleet.openRow", { environment: row.environment.name })}
                      data-testid="fleet-open"
                    >
                      {row.environment.name}
                    </Anchor>
                  </TruncatedName>
                </Table.Td>
                <Table.Td>
                  <TruncatedName name={row.baseline.name} maxWidth={220}>
                    <Anchor
                      component={Link}
                      to={`/baselines/${encodeURIComponent(row.baseline.id)}`}
                      size="sm"
                      onClick={(event) => event.stopPropagation()}
                    >
                      {row.baseline.name}
                    </Anchor>
                  </TruncatedName>
                  {row.checkedVersion && (
                    <Text size="xs" c="dimmed">
                      {t("fleet.version", { number: String(row.checkedVersion.number) })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Count value={row.counts?.equal} testId="fleet-equal" />
                </Table.Td>
                <Table.Td>
                  <Count value={row.counts?.changed} alarm testId="fleet-changed" />
                </Table.Td>
                <Table.Td>
                  <Count value={row.counts?.missing} alarm testId="fleet-missing" />
                </Table.Td>
                <Table.Td>
                  <Count value={row.counts ? row.unmanaged : null} testId="fleet-unmanaged" />
                </Table.Td>
                <Table.Td>
                  <Count value={row.openFindings} alarm testId="fleet-open-findings" />
                </Table.Td>
                <Table.Td>
                  <CheckProof row={row} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
