import { valuesInOrder } from "../../graphql/enums";
import type {
  CheckSeverity,
  RestoreAction,
  RestoreItemOutcome,
  RestoreRunStatus,
  RestoreScopeMode,
  ResultAttentionState,
} from "../../graphql/generated/graphql";

/** Scope modes in the order the wizard offers them (the Record keeps the list complete). */
export const restoreScopeModes = valuesInOrder({
  WITH_ASSIGNMENTS: true,
  WITHOUT_ASSIGNMENTS: true,
  ASSIGNMENTS_ONLY: true,
} satisfies Record<RestoreScopeMode, true>);

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
    case "DRY_RUN_COMPLETED":
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
  DRY_RUN_COMPLETED: "gray",
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
  IN_PROGRESS: "blue",
  COMPLETED: "green",
  PARTIAL: "yellow",
  FAILED: "red",
  COMPLETED_WITH_FOLLOW_UP: "orange",
} as const satisfies Record<ResultAttentionState, string>;

const severityRank = { BLOCKER: 0, WARNING: 1, INFO: 2 } as const satisfies Record<CheckSeverity, number>;

/** Blockers first, then warnings, then info; the server's order within one severity is kept. */
export function sortChecks<Check extends { severity: CheckSeverity }>(checks: readonly Check[]): Check[] {
  return checks
    .map((check, index) => ({ check, index }))
    .sort((a, b) => severityRank[a.check.severity] - severityRank[b.check.severity] || a.index - b.index)
    .map(({ check }) => check);
}
