/** Mirror the API's restore enums; `satisfies` keeps the label and color maps exhaustive. */
export const restoreRunStatuses = [
  "DRAFT",
  "SCOPED",
  "CHECKED",
  "PREVIEWED",
  "PENDING",
  "QUEUED",
  "RUNNING",
  "COMPLETED",
  "PARTIAL",
  "FAILED",
  "CANCELLED",
] as const;
export type RestoreRunStatus = (typeof restoreRunStatuses)[number];

export const restoreScopeModes = ["WITH_ASSIGNMENTS", "WITHOUT_ASSIGNMENTS", "ASSIGNMENTS_ONLY"] as const;
export type RestoreScopeMode = (typeof restoreScopeModes)[number];

export const restoreActions = ["CREATE", "UPDATE", "NO_CHANGE", "SKIP"] as const;
export type RestoreAction = (typeof restoreActions)[number];

export const restoreItemOutcomes = ["PENDING", "APPLIED", "PARTIAL", "FAILED", "SKIPPED", "NON_APPLIED"] as const;
export type RestoreItemOutcome = (typeof restoreItemOutcomes)[number];

export const checkSeverities = ["BLOCKER", "WARNING", "INFO"] as const;
export type CheckSeverity = (typeof checkSeverities)[number];

export const attentionStates = ["NOT_EXECUTED", "COMPLETED", "PARTIAL", "FAILED", "COMPLETED_WITH_FOLLOW_UP"] as const;
export type AttentionState = (typeof attentionStates)[number];

export type RestoreStage = "planning" | "executing" | "final";

/** Planning statuses can still change their plan; executing ones have a live operation run. */
export function restoreStage(status: RestoreRunStatus): RestoreStage {
  switch (status) {
    case "DRAFT":
    case "SCOPED":
    case "CHECKED":
    case "PREVIEWED":
      return "planning";
    case "PENDING":
    case "QUEUED":
    case "RUNNING":
      return "executing";
    case "COMPLETED":
    case "PARTIAL":
    case "FAILED":
    case "CANCELLED":
      return "final";
    default: {
      const unhandled: never = status;
      throw new Error(`Unknown restore run status ${String(unhandled)}`);
    }
  }
}

export const restoreStatusColor = {
  DRAFT: "gray",
  SCOPED: "gray",
  CHECKED: "gray",
  PREVIEWED: "indigo",
  PENDING: "blue",
  QUEUED: "blue",
  RUNNING: "blue",
  COMPLETED: "teal",
  PARTIAL: "yellow",
  FAILED: "red",
  CANCELLED: "dark",
} as const satisfies Record<RestoreRunStatus, string>;

export const actionColor = {
  CREATE: "green",
  UPDATE: "blue",
  NO_CHANGE: "gray",
  SKIP: "orange",
} as const satisfies Record<RestoreAction, string>;

export const outcomeColor = {
  PENDING: "gray",
  APPLIED: "green",
  PARTIAL: "yellow",
  FAILED: "red",
  SKIPPED: "orange",
  NON_APPLIED: "dark",
} as const satisfies Record<RestoreItemOutcome, string>;

export const severityColor = {
  BLOCKER: "red",
  WARNING: "yellow",
  INFO: "blue",
} as const satisfies Record<CheckSeverity, string>;

/** Only COMPLETED is green: every other final state stops short of "recovery proven". */
export const attentionColor = {
  NOT_EXECUTED: "gray",
  COMPLETED: "green",
  PARTIAL: "yellow",
  FAILED: "red",
  COMPLETED_WITH_FOLLOW_UP: "orange",
} as const satisfies Record<AttentionState, string>;

const severityRank = { BLOCKER: 0, WARNING: 1, INFO: 2 } as const satisfies Record<CheckSeverity, number>;

/** Blockers first, then warnings, then info; the server's order within one severity is kept. */
export function sortChecks<Check extends { severity: CheckSeverity }>(checks: readonly Check[]): Check[] {
  return checks
    .map((check, index) => ({ check, index }))
    .sort((a, b) => severityRank[a.check.severity] - severityRank[b.check.severity] || a.index - b.index)
    .map(({ check }) => check);
}
