import type { Db, OperationRun } from "@atlas/db";
import type { AdapterVerdict, EvidenceRef, ProofGap, ReconciliationAdapter } from "../reconciliation/types.ts";
import { readRunContext } from "../operations/run-context.ts";

/**
 * A backup is SUCCEEDED only when, for every type, the items stored in its set equal the provider
 * total the run recorded, the set is sealed, and no item carries a gap. Partial capture is
 * PARTIALLY_SUCCEEDED with a proof gap per missing piece; nothing captured is FAILED.
 */
export const backupCaptureAdapter: ReconciliationAdapter = {
  name: "backupCaptureAdapter",
  version: "1",
  supports: (type) => type === "backup.capture",
  deadlineOutcome: "partially_succeeded",
  async reconcile(db: Db, run: OperationRun): Promise<AdapterVerdict> {
    const capture = readRunContext("backup.capture", run.context);
    if (!capture.executionFinishedAt) {
      return {
        decision: "not_reconciled",
        reasonCode: "execution_in_progress",
        proofGaps: [{ code: "EXECUTION_NOT_FINISHED", message: "The backup is still capturing.", expectedEvidence: "executionFinishedAt" }],
        evidence: [],
      };
    }
    const set = capture.backupSetId ? await db.backupSet.findUnique({ where: { id: capture.backupSetId } }) : null;
    if (!set || set.workspaceId !== run.workspaceId || set.managedEnvironmentId !== run.managedEnvironmentId) {
      return {
        decision: "reconciled",
        outcome: "failed",
        reasonCode: "backup_set_missing",
        proofGaps: [
          {
            code: "BACKUP_SET_MISSING",
            message: "The run has no backup set of its own scope.",
            expectedEvidence: "a backup set of this environment linked to the run",
          },
        ],
        evidence: [],
      };
    }
    const gaps: ProofGap[] = [];
    const evidence: EvidenceRef[] = [{ kind: "backup_set", id: set.id, value: set.status }];
    if (set.status !== "completed")
      gaps.push({ code: "BACKUP_SET_NOT_SEALED", message: "The backup set was not completed.", expectedEvidence: "status completed" });
    const counts = await db.backupItem.groupBy({ by: ["objectType"], where: { backupSetId: set.id }, _count: { _all: true } });
    const capturedByType = new Map(counts.map((row) => [row.objectType, row._count._all]));
    for (const type of capture.types) {
      const expected = capture.providerTotals[type];
      const captured = capturedByType.get(type) ?? 0;
      evidence.push({ kind: "type_count", id: type, value: `${captured}/${expected ?? "?"}` });
      if (expected === undefined) {
        gaps.push({
          code: "PROVIDER_TOTAL_MISSING",
          message: `${type}: no provider total was recorded.`,
          expectedEvidence: `provider total of ${type}`,
        });
      } else if (captured !== expected) {
        gaps.push({
          code: "TYPE_INCOMPLETE",
          message: `${type}: ${captured} of ${expected} objects captured.`,
          expectedEvidence: `${expected} backup items of ${type}`,
        });
      }
    }
    const itemsWithGaps = await db.backupItem.findMany({
      where: { backupSetId: set.id, NOT: { gaps: { equals: [] } } },
      select: { objectType: true, displayName: true, gaps: true },
      take: 50,
    });
    for (const item of itemsWithGaps) {
      for (const gap of item.gaps as unknown as { code: string; message: string }[]) {
        gaps.push({
          code: gap.code,
          message: `${item.objectType} "${item.displayName}": ${gap.message}`,
          expectedEvidence: "a complete capture of the object",
        });
      }
    }
    if (gaps.length === 0) return { decision: "reconciled", outcome: "succeeded", reasonCode: "backup_complete", proofGaps: [], evidence };
    const anything = [...capturedByType.values()].some((count) => count > 0);
    return {
      decision: "reconciled",
      outcome: anything ? "partially_succeeded" : "failed",
      reasonCode: "backup_incomplete",
      proofGaps: gaps,
      evidence,
    };
  },
};

/** A snapshot is proven by the policy version it recorded, complete and of the same scope. */
export const policySnapshotAdapter: ReconciliationAdapter = {
  name: "policySnapshotAdapter",
  version: "1",
  supports: (type) => type === "policy.capture_snapshot",
  deadlineOutcome: "failed",
  async reconcile(db: Db, run: OperationRun): Promise<AdapterVerdict> {
    const context = readRunContext("policy.capture_snapshot", run.context);
    if (!context.executionFinishedAt) {
      return {
        decision: "not_reconciled",
        reasonCode: "execution_in_progress",
        proofGaps: [{ code: "EXECUTION_NOT_FINISHED", message: "The snapshot is still being captured." }],
        evidence: [],
      };
    }
    const version = context.policyVersionId ? await db.policyVersion.findUnique({ where: { id: context.policyVersionId } }) : null;
    if (!version || version.managedEnvironmentId !== run.managedEnvironmentId) {
      return {
        decision: "reconciled",
        outcome: "failed",
        reasonCode: "version_missing",
        proofGaps: [
          {
            code: "VERSION_MISSING",
            message: "No policy version of this environment is linked to the run.",
            expectedEvidence: "policyVersionId",
          },
        ],
        evidence: [],
      };
    }
    const evidence = [{ kind: "policy_version", id: version.id, value: version.contentHash }];
    const gaps = context.gaps.map((gap) => ({
      code: gap.code,
      message: gap.message,
      expectedEvidence: "a complete capture of the object",
    }));
    if (gaps.length > 0)
      return { decision: "reconciled", outcome: "partially_succeeded", reasonCode: "snapshot_incomplete", proofGaps: gaps, evidence };
    return { decision: "reconciled", outcome: "succeeded", reasonCode: "snapshot_captured", proofGaps: [], evidence };
  },
};
