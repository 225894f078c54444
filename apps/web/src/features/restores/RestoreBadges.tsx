import { Badge, type BadgeProps, Tooltip } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type {
  CheckSeverity,
  RestoreAction,
  RestoreItemOutcome,
  RestoreRunStatus,
  ResultAttentionState,
} from "../../graphql/generated/graphql";
import { actionColor, attentionColor, outcomeColor, restoreStatusColor, severityColor } from "./restoreEnums";
import { EnumBadge, unclippedLabel } from "../shared/EnumBadge";

type Size = BadgeProps["size"];

export function RestoreStatusBadge({ status, size }: { status: RestoreRunStatus; size?: Size }) {
  const { t } = useTranslation();
  return (
    <EnumBadge
      value={status}
      colors={restoreStatusColor}
      label={t(`restoreRun.status.${status}`)}
      variant="light"
      size={size}
      data-testid="restore-status"
      dataName="status"
    />
  );
}

export function AttentionStateBadge({ state, size }: { state: ResultAttentionState; size?: Size }) {
  const { t } = useTranslation();
  return (
    <EnumBadge
      value={state}
      colors={attentionColor}
      label={t(`restoreRun.attention.${state}`)}
      size={size}
      data-testid="restore-attention-state"
      dataName="state"
    />
  );
}

export function RestoreActionBadge({ action }: { action: RestoreAction | null }) {
  const { t } = useTranslation();
  if (!action) {
    return (
      <Badge color="gray" variant="outline" styles={unclippedLabel}>
        {t("restoreWizard.preview.notPlanned")}
      </Badge>
    );
  }
  return (
    <EnumBadge
      value={action}
      colors={actionColor}
      label={t(`restoreWizard.preview.action.${action}`)}
      variant="light"
      data-testid="restore-action"
      dataName="action"
    />
  );
}

export function ItemOutcomeBadge({ outcome }: { outcome: RestoreItemOutcome }) {
  const { t } = useTranslation();
  return (
    <EnumBadge
      value={outcome}
      colors={outcomeColor}
      label={t(`restoreRun.outcome.${outcome}`)}
      data-testid="restore-item-outcome"
      dataName="outcome"
    />
  );
}

export function SeverityBadge({ severity }: { severity: CheckSeverity }) {
  const { t } = useTranslation();
  return (
    <EnumBadge
      value={severity}
      colors={severityColor}
      label={t(`restoreWizard.checks.severity.${severity}`)}
      variant={severity === "BLOCKER" ? "filled" : "light"}
    />
  );
}

/** The target's name as frozen when the restore run was created; never the environment's current name. */
export function FrozenTargetBadge({ name, dryRun }: { name: string; dryRun: boolean }) {
  const { t } = useTranslation();
  return (
    <Tooltip label={t("restoreWizard.source.frozenHint")}>
      <Badge size="lg" variant="outline" color={dryRun ? "gray" : "red"} styles={unclippedLabel} data-testid="restore-frozen-target">
        {t("restoreWizard.source.frozenTarget", { name })}
      </Badge>
    </Tooltip>
  );
}

export function DryRunBadge({ dryRun }: { dryRun: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={dryRun ? "gray" : "red"} styles={unclippedLabel} data-testid="restore-kind" data-dry-run={dryRun}>
      {dryRun ? t("restoreWizard.source.dryRunBadge") : t("restoreWizard.source.live")}
    </Badge>
  );
}
