/** Mirrors the API enums; `satisfies` keeps the color maps exhaustive when a value is added. */
export const runStatuses = ["QUEUED", "RUNNING", "COMPLETED"] as const;
export type RunStatus = (typeof runStatuses)[number];

export const runOutcomes = ["PENDING", "SUCCEEDED", "PARTIALLY_SUCCEEDED", "FAILED", "BLOCKED", "CANCELLED"] as const;
export type RunOutcome = (typeof runOutcomes)[number];

export const reconciliationDecisions = ["RECONCILED", "NOT_RECONCILED", "UNSUPPORTED"] as const;
export type ReconciliationDecision = (typeof reconciliationDecisions)[number];

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
} as const satisfies Record<RunStatus, string>;

export const outcomeColor = {
  PENDING: "gray",
  SUCCEEDED: "green",
  PARTIALLY_SUCCEEDED: "yellow",
  FAILED: "red",
  BLOCKED: "orange",
  CANCELLED: "dark",
} as const satisfies Record<RunOutcome, string>;

export const decisionColor = {
  RECONCILED: "green",
  NOT_RECONCILED: "yellow",
  UNSUPPORTED: "gray",
} as const satisfies Record<ReconciliationDecision, string>;

export function isFinalStatus(status: RunStatus): boolean {
  switch (status) {
    case "QUEUED":
    case "RUNNING":
      return false;
    case "COMPLETED":
      return true;
    default: {
      const unhandled: never = status;
      throw new Error(`Unknown run status ${String(unhandled)}`);
    }
  }
}
