import { Badge, type BadgeProps, Tooltip } from "@mantine/core";
import { useTranslation } from "react-i18next";
import {
  type AttentionState,
  actionColor,
  attentionColor,
  type CheckSeverity,
  outcomeColor,
  type RestoreAction,
  type RestoreItemOutcome,
  type RestoreRunStatus,
  restoreStatusColor,
  severityColor,
} from "./restoreEnums";

// Labels clip with an ellipsis by default, which lets narrow table cells shrink them to "CO…".
const unclippedLabel = { label: { overflow: "visible" } } as const;
type Size = BadgeProps["size"];

export function RestoreStatusBadge({ status, size }: { status: RestoreRunStatus; size?: Size }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={restoreStatusColor[status]}
      variant="light"
      size={size}
      styles={unclippedLabel}
      data-testid="restore-status"
      data-status={status}
    >
      {t(`restoreRun.status.${status}`)}
    </Badge>
  );
}

export function AttentionStateBadge({ state, size }: { state: AttentionState; size?: Size }) {
  const { t } = useTranslation();
  return (
    <Badge color={attentionColor[state]} size={size} styles={unclippedLabel} data-testid="restore-attention-state" data-state={state}>
      {t(`restoreRun.attention.${state}`)}
    </Badge>
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
    <Badge color={actionColor[action]} variant="light" styles={unclippedLabel} data-testid="restore-action" data-action={action}>
      {t(`restoreWizard.preview.action.${action}`)}
    </Badge>
  );
}

export function ItemOutcomeBadge({ outcome }: { outcome: RestoreItemOutcome }) {
  const { t } = useTranslation();
  return (
    <Badge color={outcomeColor[outcome]} styles={unclippedLabel} data-testid="restore-item-outcome" data-outcome={outcome}>
      {t(`restoreRun.outcome.${outcome}`)}
    </Badge>
  );
}

export function SeverityBadge({ severity }: { severity: CheckSeverity }) {
  const { t } = useTranslation();
  return (
    <Badge color={severityColor[severity]} variant={severity === "BLOCKER" ? "filled" : "light"} styles={unclippedLabel}>
      {t(`restoreWizard.checks.severity.${severity}`)}
    </Badge>
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
