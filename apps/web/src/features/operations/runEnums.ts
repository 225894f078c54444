import { valuesInOrder } from "../../graphql/enums";
import { labelsEn } from "../../i18n/labels.en";
import type { OperationRunOutcome, OperationRunStatus, ReconciliationDecision } from "../../graphql/generated/graphql";

/** Operation types the product defines, in the label map's order; the API accepts them as plain strings. */
export const runTypes = valuesInOrder(labelsEn.operationType);

export const statusColor = {
  QUEUED: "gray",
  RUNNING: "blue",
  COMPLETED: "teal",
} as const satisfies Record<OperationRunStatus, string>;

export const outcomeColor = {
  PENDING: "gray",
  SUCCEEDED: "green",
  PARTIALLY_SUCCEEDED: "yellow",
  FAILED: "red",
  BLOCKED: "orange",
  CANCELLED: "dark",
} as const satisfies Record<OperationRunOutcome, string>;

export const decisionColor = {
  RECONCILED: "green",
  NOT_RECONCILED: "yellow",
  UNSUPPORTED: "gray",
} as const satisfies Record<ReconciliationDecision, string>;

/**
 * "Reconciled" says the outcome is proven, not that it is good: green only beside a proven success,
 * so a proven BLOCKED or FAILED never reads as an all-clear next to its orange or red outcome.
 */
export function decisionBadgeColor(decision: ReconciliationDecision, outcome?: OperationRunOutcome | null): string {
  return decision === "RECONCILED" && outcome && outcome !== "SUCCEEDED" ? "gray" : decisionColor[decision];
}

/** Filter options in lifecycle order. */
export const runStatuses = valuesInOrder(statusColor);
export const runOutcomes = valuesInOrder(outcomeColor);
