import type { Db, OperationRun } from "@atlas/db";
import { readRunContext } from "../operations/run-context.ts";
import type { ProofGapCode, ReconciliationReasonCode } from "../codes.ts";
import { type AdapterVerdict, type EvidenceRef, type ReconciliationAdapter, executionNotFinished } from "../reconciliation/types.ts";
import { PROVING_REVIEW_STATUSES } from "./review-status.ts";

function failedClosed(
  reasonCode: ReconciliationReasonCode,
  code: ProofGapCode,
  message: string,
  expectedEvidence: string,
  evidence: EvidenceRef[],
): AdapterVerdict {
  return { decision: "reconciled", outcome: "failed", reasonCode, proofGaps: [{ code, message, expectedEvidence }], evidence };
}

/**
 * An environment.review.compose run is SUCCEEDED only when exactly one review of the run's own
 * scope (workspace and environment) is `ready` or `published` with the fingerprint the run
 * recorded, and it is the review the run names. A candidate of another scope, or more than one
 * candidate, is ambiguity: the run fails closed and the proof gap names why. Evidence holds ids,
 * statuses, hashes and timestamps only.
 */
export const environmentReviewComposeAdapter: ReconciliationAdapter = {
  name: "environmentReviewComposeAdapter",
  version: "1",
  supports: (type) => type === "environment.review.compose",
  deadlineOutcome: "failed",
  async reconcile(db: Db, run: OperationRun): Promise<AdapterVerdict> {
    const compose = readRunContext("environment.review.compose", run.context);
    if (!compose.executionFinishedAt) return executionNotFinished("The review is still being composed.");
    const evidence: EvidenceRef[] = [
      { kind: "workspace", id: run.workspaceId },
      { kind: "environment", id: run.managedEnvironmentId ?? undefined },
      { kind: "execution_finished_at", value: compose.executionFinishedAt },
    ];
    if (!compose.fingerprint || !compose.reviewId) {
      return failedClosed(
        "fingerprint_missing",
        "FINGERPRINT_MISSING",
        "The run recorded no fingerprint or review.",
        "fingerprint and reviewId in the run",
        evidence,
      );
    }
    evidence.push({ kind: "fingerprint", value: compose.fingerprint });
    const candidates = await db.environmentReview.findMany({
      where: { fingerprint: compose.fingerprint, status: { in: [...PROVING_REVIEW_STATUSES] } },
      select: { id: true, workspaceId: true, managedEnvironmentId: true, status: true, composedAt: true, publishedAt: true },
      orderBy: { id: "asc" },
    });
    evidence.push({ kind: "considered_reviews", value: candidates.map((candidate) => candidate.id).join(",") });
    const sameScope = (candidate: (typeof candidates)[number]) =>
      candidate.workspaceId === run.workspaceId && candidate.managedEnvironmentId === run.managedEnvironmentId;
    if (candidates.some((candidate) => !sameScope(candidate))) {
      return failedClosed(
        "review_scope_mismatch",
        "REVIEW_OTHER_SCOPE",
        "A review with this fingerprint belongs to another workspace or environment; it cannot prove this run.",
        "reviews with the run's fingerprint only in the run's own workspace and environment",
        evidence,
      );
    }
    if (candidates.length > 1) {
      return failedClosed(
        "review_ambiguous",
        "REVIEW_AMBIGUOUS",
        `${candidates.length} ready or published reviews carry this fingerprint; exactly one may prove the run.`,
        "exactly one ready or published review with the run's fingerprint",
        evidence,
      );
    }
    const review = candidates[0];
    if (!review) {
      const named = await db.environmentReview.findUnique({ where: { id: compose.reviewId }, select: { status: true } });
      evidence.push({ kind: "review", id: compose.reviewId, value: named?.status ?? "missing" });
      return failedClosed(
        "review_missing",
        "REVIEW_NOT_READY",
        `No ready or published review of this environment carries the run's fingerprint (the run's review is ${named?.status ?? "missing"}).`,
        "a ready or published review with the run's fingerprint",
        evidence,
      );
    }
    evidence.push({ kind: "review", id: review.id, value: review.status });
    if (review.composedAt) evidence.push({ kind: "review_composed_at", value: review.composedAt.toISOString() });
    if (review.publishedAt) evidence.push({ kind: "review_published_at", value: review.publishedAt.toISOString() });
    if (review.id !== compose.reviewId) {
      return failedClosed(
        "review_mismatch",
        "REVIEW_NOT_THE_RUNS",
        "The review with the run's fingerprint is not the review the run names.",
        "the run's own review",
        evidence,
      );
    }
    return { decision: "reconciled", outcome: "succeeded", reasonCode: "review_matches_fingerprint", proofGaps: [], evidence };
  },
};
