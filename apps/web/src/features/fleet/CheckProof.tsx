import { Anchor, Badge, Group, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { unclippedLabel } from "../shared/EnumBadge";
import { Time } from "../shared/Time";
import type { FleetRow } from "./documents";

/**
 * The last drift check of a row: when it finished and whether its adapter proved it saw everything.
 * "Proven" only for a reconciled success; anything else names its proof gaps. A check still running
 * is shown instead, linking to its run.
 */
export function CheckProof({ row }: { row: FleetRow }) {
  const { t } = useTranslation();
  if (row.activeCheck) {
    return (
      <Anchor
        component={Link}
        to={`/runs/${encodeURIComponent(row.activeCheck.id)}`}
        size="sm"
        onClick={(event) => event.stopPropagation()}
        data-testid="fleet-checking"
      >
        {t("fleet.checking")}
      </Anchor>
    );
  }
  const check = row.lastCheck;
  if (!check) {
    return (
      <Text size="sm" c="dimmed" data-testid="fleet-not-checked">
        {t("fleet.notChecked")}
      </Text>
    );
  }
  const proven = check.reconciliation?.decision === "RECONCILED" && check.outcome === "SUCCEEDED";
  return (
    <Group gap={6} wrap="nowrap">
      <Time value={check.completedAt} />
      <Anchor
        component={Link}
        to={`/runs/${encodeURIComponent(check.id)}`}
        onClick={(event) => event.stopPropagation()}
        data-testid="fleet-check-proof"
        data-proven={proven}
        data-decision={check.reconciliation?.decision ?? "NONE"}
      >
        <Badge color={proven ? "green" : "yellow"} variant="light" styles={unclippedLabel}>
          {proven
            ? t("fleet.proven")
            : check.proofGaps.length > 0
              ? t("fleet.gaps", { count: check.proofGaps.length })
              : t("fleet.notProven")}
        </Badge>
      </Anchor>
    </Group>
  );
}
