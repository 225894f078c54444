import type { OperationRunStatus, ReconciliationDecision, RestoreRunStatus, ResultAttentionState } from "../../graphql/generated/graphql";
import { restoreStage } from "../restores/restoreEnums";

/** The one primary action of the result view; `none` shows the server's next step as a hint only. */
export type PrimaryAction = "continuePlanning" | "recheckProof" | "planLiveRestore" | "showItems" | "none";

export interface PrimaryActionInput {
  status: RestoreRunStatus;
  dryRun: boolean;
  state: ResultAttentionState;
  capabilities: { reconcile: boolean; plan: boolean; execute: boolean };
}

export function primaryActionFor({ status, dryRun, state, capabilities }: PrimaryActionInput): PrimaryAction {
  const stage = restoreStage(status);
  if (stage === "planning") return capabilities.plan ? "continuePlanning" : "none";
  if (stage === "executing") return "none";
  switch (state) {
    case "COMPLETED":
    case "IN_PROGRESS":
      return "none";
    case "COMPLETED_WITH_FOLLOW_UP":
      return capabilities.reconcile ? "recheckProof" : "none";
    case "PARTIAL":
    case "FAILED":
      return "showItems";
    case "NOT_EXECUTED":
      // A live restore needs restore.execute; without it the hint stays a hint.
      return dryRun && status !== "CANCELLED" && capabilities.plan && capabilities.execute ? "planLiveRestore" : "none";
    default: {
      const unhandled: never = state;
      throw new Error(`Unknown attention state ${String(unhandled)}`);
    }
  }
}

/**
 * Whether the detail view keeps following the execution run: while it executes, and after it
 * while the proof is still open (NOT_RECONCILED may turn into a verdict later).
 */
export function shouldWatch(
  status: RestoreRunStatus,
  run: { status: OperationRunStatus; decision: ReconciliationDecision | null } | null,
): boolean {
  if (restoreStage(status) === "executing") return true;
  if (!run) return false;
  return run.status !== "COMPLETED" || run.decision === null || run.decision === "NOT_RECONCILED";
}
