import { Badge, Group, Progress, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { EnumBadge } from "../shared/EnumBadge";
import type { OperationRunOutcome, OperationRunStatus, ReconciliationDecision } from "../../graphql/generated/graphql";
import { decisionBadgeColor, outcomeColor, statusColor } from "./runEnums";

// data-status / data-outcome / data-decision carry the raw enum so browser tests do not depend
// on the selected language.

export function RunStatusBadge({ status }: { status: OperationRunStatus }) {
  const { t } = useTranslation();
  return (
    <EnumBadge
      value={status}
      colors={statusColor}
      label={t(`runStatus.${status}`)}
      variant="light"
      data-testid="run-status"
      dataName="status"
    />
  );
}

export function RunOutcomeBadge({ outcome }: { outcome: OperationRunOutcome }) {
  const { t } = useTranslation();
  return (
    <EnumBadge value={outcome} colors={outcomeColor} label={t(`runOutcome.${outcome}`)} data-testid="run-outcome" dataName="outcome" />
  );
}

export function ReconciliationDecisionBadge({
  decision,
  outcome,
}: {
  decision: ReconciliationDecision;
  outcome?: OperationRunOutcome | null;
}) {
  const { t } = useTranslation();
  return (
    <Badge color={decisionBadgeColor(decision, outcome)} size="lg" data-testid="reconciliation-decision" data-decision={decision}>
      {t(`reconciliationDecision.${decision}`)}
    </Badge>
  );
}

/** Shown while a run is RUNNING; `progress` is 0..1 and may be null before the first heartbeat. */
export function RunProgress({ progress }: { progress: number | null }) {
  const percent = Math.round(Math.min(1, Math.max(0, progress ?? 0)) * 100);
  return (
    <Group gap="xs" wrap="nowrap">
      <Progress value={percent} striped animated w={140} aria-label={`${percent}%`} data-testid="run-progress" data-value={percent} />
      <Text size="xs" c="dimmed">
        {percent}%
      </Text>
    </Group>
  );
}
