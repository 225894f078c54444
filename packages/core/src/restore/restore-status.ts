import type { MessageParams, SafetyCheckCode } from "../codes.ts";
import { assertNever } from "../util/assert-never.ts";

export const RESTORE_RUN_STATUSES = [
  "draft",
  "scoped",
  "checked",
  "previewed",
  "pending",
  "queued",
  "running",
  "completed",
  "dry_run_completed",
  "partial",
  "failed",
  "cancelled",
] as const;
export type RestoreRunStatus = (typeof RESTORE_RUN_STATUSES)[number];

export type RestoreStage = "planning" | "executing" | "final";

export function restoreStage(status: RestoreRunStatus): RestoreStage {
  switch (status) {
    case "draft":
    case "scoped":
    case "checked":
    case "previewed":
    case "pending":
      return "planning";
    case "queued":
    case "running":
      return "executing";
    case "completed":
    case "dry_run_completed":
    case "partial":
    case "failed":
    case "cancelled":
      return "final";
    default:
      return assertNever(status);
  }
}

/** Per-item outcomes of an execution. */
export type RestoreItemOutcome = "pending" | "applied" | "partial" | "failed" | "skipped" | "non_applied";

export type CheckSeverity = "blocker" | "warning" | "info";

export interface SafetyCheck {
  code: SafetyCheckCode;
  /** Values the SPA words the check with (the English message is the partners' fallback). */
  params?: MessageParams;
  severity: CheckSeverity;
  message: string;
  restoreItemId?: string;
}

export interface RestoreCounts {
  total: number;
  succeeded: number;
  failed: number;
  skipped: number;
  partial: number;
  non_applied: number;
  foundations_skipped: number;
  /** Skipped because the scope mode does not apply to the item (assignments only, a type without assignments); part of `skipped`. */
  not_applicable: number;
}

/** The skip reason of an item the scope mode does not apply to; such items are outside "every item applied". */
export const NOT_APPLICABLE = "NOT_APPLICABLE";

export function countOutcomes(items: { outcome: string; isFoundation: boolean; errorCode?: string | null }[]): RestoreCounts {
  const counts: RestoreCounts = {
    total: items.length,
    succeeded: 0,
    failed: 0,
    skipped: 0,
    partial: 0,
    non_applied: 0,
    foundations_skipped: 0,
    not_applicable: 0,
  };
  for (const item of items) {
    const outcome = item.outcome as RestoreItemOutcome;
    if (outcome === "applied") counts.succeeded += 1;
    else if (outcome === "failed") counts.failed += 1;
    else if (outcome === "partial") counts.partial += 1;
    else if (outcome === "skipped") {
      counts.skipped += 1;
      if (item.isFoundation) counts.foundations_skipped += 1;
      if (item.errorCode === NOT_APPLICABLE) counts.not_applicable += 1;
    } else counts.non_applied += 1;
  }
  return counts;
}

/** The restore run's own final status from its items (the operation run's outcome is the adapter's). */
export function finalRestoreStatus(counts: RestoreCounts): "completed" | "partial" | "failed" {
  if (counts.succeeded > 0 && counts.succeeded === applicableCount(counts)) return "completed";
  if (counts.succeeded > 0 || counts.partial > 0) return "partial";
  return "failed";
}

/** Items the scope mode applies to: every one of them must be applied for a completed restore. */
export function applicableCount(counts: RestoreCounts): number {
  return counts.total - counts.not_applicable;
}
