import { createHash } from "node:crypto";
import type { Db, Prisma } from "@atlas/db";
import { CAPTURED_BACKUP_SETS } from "../backup/backup-queries.ts";
import { stableJson } from "../backup/version-diff.ts";
import { RESTORE_RUN_STATUSES, type SafetyCheck, restoreStage } from "../restore/restore-status.ts";

type Reader = Db | Prisma.TransactionClient;

/**
 * The inputs a review is composed from, as ids and hashes only (no tenant values): the fingerprint
 * is the hash of exactly this record, so equal inputs give an equal fingerprint and a review can be
 * reused instead of composed again. Everything comes from local records; nothing calls the provider.
 */
export interface ReviewEvidence {
  version: 1;
  workspaceId: string;
  environmentId: string;
  /** The newest published review: the changes section reports what changed since its backup. */
  previousPublished: { reviewId: string; backupSetId: string | null } | null;
  /** Start of the review period: when the previous review was published (null: from the beginning). */
  periodStart: string | null;
  /** The newest completed backup set and a hash of its (type, object, version hash) entries. */
  backupSet: { id: string; itemsHash: string; itemCount: number; hasGaps: boolean } | null;
  /** The newest succeeded inventory sync. */
  inventorySyncRunId: string | null;
  /** Policy versions in the newest backup that the previous published review's backup did not hold. */
  changedVersionIds: string[];
  /** Restore runs of the period that ended, with their proof state. */
  restores: { id: string; status: string; runId: string | null; runOutcome: string | null; decision: string | null }[];
  /** Completed runs of the period that still name proof gaps. */
  proofGapRunIds: string[];
  /** Restore runs of the period still being planned whose safety checks found blockers. */
  openSafetyFindings: { restoreRunId: string; codes: string[] }[];
}

/** sha256 of the evidence in a canonical form (key order does not matter). */
export function reviewFingerprint(evidence: ReviewEvidence): string {
  return createHash("sha256").update(stableJson(evidence)).digest("hex");
}

const FINAL_RESTORE_STATUSES = RESTORE_RUN_STATUSES.filter((status) => restoreStage(status) === "final");
const PLANNING_RESTORE_STATUSES = RESTORE_RUN_STATUSES.filter((status) => restoreStage(status) === "planning");
/** How many proof-gap runs a review lists at most (the newest). */
export const PROOF_GAP_RUN_LIMIT = 200;

async function backupItemsOf(db: Reader, backupSetId: string) {
  return db.backupItem.findMany({
    where: { backupSetId },
    select: { objectType: true, providerId: true, policyVersionId: true, policyVersion: { select: { contentHash: true } } },
    orderBy: [{ objectType: "asc" }, { providerId: "asc" }],
  });
}

function verdictOf(context: unknown): string | null {
  const latest = (context as { reconciliation?: { latest?: { decision?: string } } } | null)?.reconciliation?.latest;
  return latest?.decision ?? null;
}

export async function gatherReviewEvidence(db: Reader, scope: { workspaceId: string; environmentId: string }): Promise<ReviewEvidence> {
  const where = { workspaceId: scope.workspaceId, managedEnvironmentId: scope.environmentId };
  const previous = await db.environmentReview.findFirst({ where: { ...where, status: "published" }, orderBy: { publishedAt: "desc" } });
  const previousBackupSetId = (previous?.evidence as Partial<ReviewEvidence> | undefined)?.backupSet?.id ?? null;
  const since = previous?.publishedAt ?? null;
  const inPeriod = since ? { createdAt: { gt: since } } : {};
  const set = await db.backupSet.findFirst({
    where: { ...where, status: "completed", ...CAPTURED_BACKUP_SETS },
    orderBy: [{ completedAt: "desc" }, { id: "desc" }],
  });
  const items = set ? await backupItemsOf(db, set.id) : [];
  const itemsHash = createHash("sha256")
    .update(items.map((item) => `${item.objectType}\t${item.providerId}\t${item.policyVersion.contentHash}`).join("\n"))
    .digest("hex");
  const baselineVersions = new Set(
    previousBackupSetId && previousBackupSetId !== set?.id
      ? (await backupItemsOf(db, previousBackupSetId)).map((item) => item.policyVersionId)
      : [],
  );
  const changedVersionIds =
    previousBackupSetId && previousBackupSetId !== set?.id
      ? items.map((item) => item.policyVersionId).filter((id) => !baselineVersions.has(id))
      : [];
  const sync = await db.operationRun.findFirst({
    where: { ...where, type: "inventory.sync", status: "completed", outcome: "succeeded" },
    orderBy: [{ completedAt: "desc" }, { id: "desc" }],
    select: { id: true },
  });
  const restoreRuns = await db.restoreRun.findMany({
    where: { ...where, ...inPeriod, deletedAt: null, status: { in: [...FINAL_RESTORE_STATUSES, ...PLANNING_RESTORE_STATUSES] } },
    select: { id: true, status: true, checks: true, operationRun: { select: { id: true, outcome: true, context: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const gapRuns = await db.operationRun.findMany({
    where: { ...where, ...inPeriod, status: "completed", hasProofGaps: true },
    select: { id: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: PROOF_GAP_RUN_LIMIT,
  });
  return {
    version: 1,
    workspaceId: scope.workspaceId,
    environmentId: scope.environmentId,
    previousPublished: previous ? { reviewId: previous.id, backupSetId: previousBackupSetId } : null,
    periodStart: since?.toISOString() ?? null,
    backupSet: set ? { id: set.id, itemsHash, itemCount: items.length, hasGaps: set.hasGaps } : null,
    inventorySyncRunId: sync?.id ?? null,
    changedVersionIds: [...changedVersionIds].sort(),
    restores: restoreRuns
      .filter((run) => restoreStage(run.status) === "final")
      .map((run) => ({
        id: run.id,
        status: run.status,
        runId: run.operationRun?.id ?? null,
        runOutcome: run.operationRun?.outcome ?? null,
        decision: run.operationRun ? verdictOf(run.operationRun.context) : null,
      })),
    proofGapRunIds: gapRuns.map((run) => run.id),
    openSafetyFindings: restoreRuns
      .filter((run) => restoreStage(run.status) === "planning")
      .map((run) => ({
        restoreRunId: run.id,
        codes: (run.checks as unknown as SafetyCheck[]).filter((check) => check.severity === "blocker").map((check) => check.code),
      }))
      .filter((finding) => finding.codes.length > 0),
  };
}
