import { valuesInOrder } from "../../graphql/enums";
import type { OperationRunOutcome, OperationRunStatus, ReconciliationDecision } from "../../graphql/generated/graphql";

/** Operation types the product defines; the API accepts them as plain strings. */
export const runTypes = [
  "inventory.sync",
  "backup.capture",
  "policy.capture_snapshot",
  "restore.preview",
  "restore.execute",
  "environment.review.compose",
] as const;

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

/** Filter options in lifecycle order. */
export const runStatuses = valuesInOrder(statusColor);
export const runOutcomes = valuesInOrder(outcomeColor);
