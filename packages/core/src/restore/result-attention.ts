import type { AttentionCauseFamily, AttentionClaimCode, AttentionNextActionCode, AttentionSummaryCode, MessageParams } from "../codes.ts";
import type { ProofGap } from "../reconciliation/types.ts";
import type { RestoreCounts, RestoreRunStatus } from "./restore-status.ts";
import { restoreStage } from "./restore-status.ts";

export type AttentionState = "not_executed" | "in_progress" | "completed" | "partial" | "failed" | "completed_with_follow_up";

export interface ResultAttention {
  state: AttentionState;
  summary: string;
  primaryNextAction: string;
  primaryCauseFamily: AttentionCauseFamily | null;
  /** What may be claimed: "completed" is never "recovery proven" unless the proof bundle holds. */
  recoveryClaimBoundary: string;
  /** The same texts as codes with their numbers, so clients word them in their own language. */
  summaryCode: AttentionSummaryCode;
  summaryParams: MessageParams;
  primaryNextActionCode: AttentionNextActionCode;
  recoveryClaimBoundaryCode: AttentionClaimCode;
}

export interface AttentionInput {
  status: RestoreRunStatus;
  dryRun: boolean;
  counts: RestoreCounts;
  /** Outcome the operation run's reconciliation proved, if any. */
  provenOutcome: string | null;
  proofGaps: ProofGap[];
  itemErrorCodes: string[];
}

const NOT_PROVEN =
  "Recovery is not proven: the restore may have changed the tenant, but TenantAtlas cannot show that it matches the backup.";

const NOT_EXECUTED_SUMMARIES = {
  dry_run_walked: "Dry run walked {total} items; nothing was written.",
  dry_run_unfinished: "The dry run did not finish; nothing was written.",
  executing_nothing_written: "The restore is running; no item has been written yet.",
  not_executed: "Not executed yet.",
} as const satisfies Partial<Record<AttentionSummaryCode, string>>;

const NOT_EXECUTED_NEXT = {
  watch_run: "Watch the run",
  start_live_from_plan: "Start a live restore from the same plan",
  confirm_restore: "Confirm the restore",
  run_preview: "Run the preview",
} as const satisfies Partial<Record<AttentionNextActionCode, string>>;

function causeFamily(input: AttentionInput): AttentionCauseFamily | null {
  const codes = new Set([...input.itemErrorCodes, ...input.proofGaps.map((gap) => gap.code)]);
  if (codes.has("REFERENCE_UNMAPPED")) return "unmapped_references";
  if ([...codes].some((code) => /throttl|429/i.test(code))) return "provider_throttling";
  if ([...codes].some((code) => code.startsWith("provider_"))) return "provider_rejected";
  if (codes.has("VERIFICATION_MISMATCH")) return "verification_mismatch";
  if (codes.has("VERIFICATION_MISSING") || codes.has("VERIFICATION_INCOMPLETE")) return "verification_missing";
  if (codes.has("AUDIT_MISSING")) return "audit_missing";
  return codes.size > 0 ? "other" : null;
}

/** The restore run's result view, derived only from its status, items and proof. */
export function resultAttention(input: AttentionInput): ResultAttention {
  const stage = restoreStage(input.status);
  const { counts } = input;
  // Items the provider accepted a write for; once there is one, the tenant has changed.
  const written = counts.succeeded + counts.partial;
  if (stage === "executing" && !input.dryRun && written > 0) {
    return {
      state: "in_progress",
      summary: `The restore is running: ${written} of ${counts.total} items written so far, not yet verified.`,
      primaryNextAction: "Watch the run",
      primaryCauseFamily: null,
      recoveryClaimBoundary: `No recovery is claimed yet: ${written} items were written to the tenant and are not verified until the run ends.`,
      summaryCode: "live_writing",
      summaryParams: { written, total: counts.total },
      primaryNextActionCode: "watch_run",
      recoveryClaimBoundaryCode: "not_yet_claimed",
    };
  }
  if (stage !== "final" || (input.dryRun && input.status !== "cancelled")) {
    const summaryCode: AttentionSummaryCode =
      input.dryRun && stage === "final"
        ? input.status === "dry_run_completed"
          ? "dry_run_walked"
          : "dry_run_unfinished"
        : stage === "executing"
          ? "executing_nothing_written"
          : "not_executed";
    const nextCode: AttentionNextActionCode =
      stage === "executing"
        ? "watch_run"
        : input.dryRun && stage === "final"
          ? "start_live_from_plan"
          : input.status === "previewed"
            ? "confirm_restore"
            : "run_preview";
    return {
      state: "not_executed",
      summary: NOT_EXECUTED_SUMMARIES[summaryCode].replace("{total}", String(counts.total)),
      primaryNextAction: NOT_EXECUTED_NEXT[nextCode],
      primaryCauseFamily: null,
      recoveryClaimBoundary: "No recovery is claimed: nothing was written to the tenant.",
      summaryCode,
      summaryParams: { total: counts.total },
      primaryNextActionCode: nextCode,
      recoveryClaimBoundaryCode: "nothing_written",
    };
  }
  if (input.status === "cancelled") {
    return {
      state: counts.succeeded > 0 ? "partial" : "not_executed",
      summary: `Cancelled after ${counts.succeeded} of ${counts.total} items.`,
      primaryNextAction: "Review the applied items, then restore the rest",
      primaryCauseFamily: "cancelled",
      recoveryClaimBoundary: NOT_PROVEN,
      summaryCode: "cancelled_after",
      summaryParams: { succeeded: counts.succeeded, total: counts.total },
      primaryNextActionCode: "review_applied_then_rest",
      recoveryClaimBoundaryCode: "not_proven",
    };
  }
  const family = causeFamily(input);
  if (input.status === "failed") {
    return {
      state: "failed",
      summary: `No item was restored (${counts.failed} failed).`,
      primaryNextAction: "Open the failed items and fix their cause",
      primaryCauseFamily: family,
      recoveryClaimBoundary: NOT_PROVEN,
      summaryCode: "none_restored",
      summaryParams: { failed: counts.failed },
      primaryNextActionCode: "fix_failed_items",
      recoveryClaimBoundaryCode: "not_proven",
    };
  }
  if (input.status === "partial") {
    const unmapped = family === "unmapped_references";
    return {
      state: "partial",
      summary: `${counts.succeeded} of ${counts.total} items restored; ${counts.partial} partial, ${counts.failed} failed.`,
      primaryNextAction: unmapped
        ? "Create the missing groups, filters or scope tags in the target, then restore the partial items again"
        : "Open the items that did not apply",
      primaryCauseFamily: family,
      recoveryClaimBoundary: NOT_PROVEN,
      summaryCode: "partly_restored",
      summaryParams: { succeeded: counts.succeeded, total: counts.total, partial: counts.partial, failed: counts.failed },
      primaryNextActionCode: unmapped ? "create_missing_references" : "open_unapplied_items",
      recoveryClaimBoundaryCode: "not_proven",
    };
  }
  if (input.provenOutcome === "succeeded") {
    return {
      state: "completed",
      summary: `All ${counts.total} items restored and verified.`,
      primaryNextAction: "None",
      primaryCauseFamily: null,
      recoveryClaimBoundary: "Recovery proven: every restored object read back equal to the backup, and the restore is audited.",
      summaryCode: "all_verified",
      summaryParams: { total: counts.total },
      primaryNextActionCode: "none",
      recoveryClaimBoundaryCode: "proven",
    };
  }
  return {
    state: "completed_with_follow_up",
    summary: `All ${counts.total} items were written, but the proof does not hold yet (${input.proofGaps.map((gap) => gap.code).join(", ") || "pending"}).`,
    primaryNextAction: family === "verification_mismatch" ? "Compare the mismatched objects with the backup" : "Re-check the proof",
    primaryCauseFamily: family,
    recoveryClaimBoundary: `Completed is not recovery proven. ${NOT_PROVEN}`,
    summaryCode: "written_not_proven",
    summaryParams: { total: counts.total, gaps: input.proofGaps.map((gap) => gap.code).join(", ") || "pending" },
    primaryNextActionCode: family === "verification_mismatch" ? "compare_mismatched" : "recheck_proof",
    recoveryClaimBoundaryCode: "completed_not_proven",
  };
}
