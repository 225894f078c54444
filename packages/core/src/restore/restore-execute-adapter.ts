import type { Db, OperationRun } from "@atlas/db";
import type { ProofGapCode } from "../codes.ts";
import { readRunContext } from "../operations/run-context.ts";
import type { AdapterProofGap, AdapterVerdict, EvidenceRef, ReconciliationAdapter } from "../reconciliation/types.ts";
import { applicableCount, countOutcomes } from "./restore-status.ts";
import type { ProviderAcceptance } from "./write-restore-item.ts";

/** Acceptance counts only when it is the provider's answer to a write this run made. */
const WRITE_ANSWERS: ReadonlySet<string> = new Set<ProviderAcceptance["source"]>(["create", "update", "assign", "assign_read_back"]);

export interface VerificationItem {
  restoreItemId: string;
  targetProviderId: string | null;
  expectedHash: string;
  actualHash: string | null;
  match: boolean;
}

const gap = (code: ProofGapCode, message: string, expectedEvidence: string): AdapterProofGap => ({ code, message, expectedEvidence });

/**
 * The success proof bundle of product.md, requirement by requirement. Every failed requirement is
 * a proof gap; the outcome follows the mapping: mixed item results -> partially_succeeded, nothing
 * applied -> failed, refused (dry run) -> blocked, writes accepted but verification or audit
 * missing -> not_reconciled until the deadline, then partially_succeeded.
 */
export const restoreExecuteAdapter: ReconciliationAdapter = {
  name: "restoreExecuteAdapter",
  version: "2",
  supports: (type) => type === "restore.execute",
  deadlineOutcome: "partially_succeeded",
  async reconcile(db: Db, run: OperationRun): Promise<AdapterVerdict> {
    const context = readRunContext("restore.execute", run.context);
    const restore = context.restoreRunId ? await db.restoreRun.findUnique({ where: { id: context.restoreRunId } }) : null;
    const evidence: EvidenceRef[] = [];
    // 1. The restore run exists, is not deleted, and has the run's scope.
    if (!restore || restore.deletedAt) {
      return {
        decision: "reconciled",
        outcome: "failed",
        reasonCode: "restore_run_missing",
        proofGaps: [
          gap(
            "RESTORE_RUN_MISSING",
            "The linked restore run does not exist or was deleted.",
            "a live restore run linked to this operation run",
          ),
        ],
        evidence,
      };
    }
    evidence.push({ kind: "restore_run", id: restore.id, value: restore.status });
    if (
      restore.workspaceId !== run.workspaceId ||
      restore.managedEnvironmentId !== run.managedEnvironmentId ||
      restore.operationRunId !== run.id
    ) {
      return {
        decision: "reconciled",
        outcome: "failed",
        reasonCode: "scope_mismatch",
        proofGaps: [
          gap(
            "SCOPE_MISMATCH",
            "The restore run belongs to another workspace, environment or operation run.",
            "the same workspace, environment and operation run",
          ),
        ],
        evidence,
      };
    }
    // 2. A dry run proves no recovery: nothing was written, by design.
    if (restore.dryRun) {
      if (!context.executionFinishedAt) return notYet("The dry run is still walking the items.");
      return {
        decision: "reconciled",
        outcome: "blocked",
        reasonCode: "dry_run_only",
        proofGaps: [
          gap("DRY_RUN_ONLY", "This was a dry run: nothing was written, so nothing is recovered.", "a live (non dry run) execution"),
        ],
        evidence,
      };
    }
    // 3. Terminal.
    if (!["completed", "partial", "failed"].includes(restore.status)) {
      return {
        decision: "not_reconciled",
        reasonCode: "not_terminal",
        proofGaps: [gap("NOT_TERMINAL", `The restore run is ${restore.status}.`, "a terminal restore run status")],
        evidence,
      };
    }
    const items = await db.restoreItem.findMany({ where: { restoreRunId: restore.id } });
    const counts = countOutcomes(items);
    evidence.push({ kind: "counts", value: JSON.stringify(counts) });
    const gaps: AdapterProofGap[] = [];
    if (restore.status !== "completed")
      gaps.push(gap("NOT_TERMINAL", `The restore run ended ${restore.status}, not completed.`, "restore run status completed"));
    // 4. Counts agree (items the scope mode does not apply to are neither required nor a write).
    const applicable = applicableCount(counts);
    const allApplied = applicable > 0 && counts.succeeded === applicable && counts.failed + counts.partial + counts.non_applied === 0;
    if (!allApplied) {
      gaps.push(
        gap(
          "ITEMS_NOT_ALL_APPLIED",
          `${counts.succeeded} of ${applicable} items applied (${counts.partial} partial, ${counts.failed} failed, ${counts.non_applied} not applied, ${counts.skipped - counts.not_applicable} skipped, ${counts.not_applicable} not applicable).`,
          "every requested item applied",
        ),
      );
    }
    const collided = items.filter((item) => item.errorCode === "TARGET_COLLISION");
    if (collided.length > 0) {
      gaps.push(
        gap(
          "TARGET_COLLISION",
          `${collided.length} item(s) resolved to a target object another item of this run already wrote; they were not written.`,
          "one scope item per target object",
        ),
      );
    }
    // 5. Provider acceptance for every applied item: the provider's answer to this run's write.
    const withoutAcceptance = items.filter((item) => {
      const acceptance = item.providerAcceptance as Partial<ProviderAcceptance> | null;
      return item.outcome === "applied" && !(acceptance?.id && WRITE_ANSWERS.has(acceptance.source ?? ""));
    });
    if (withoutAcceptance.length > 0) {
      gaps.push(
        gap(
          "PROVIDER_ACCEPTANCE_MISSING",
          `${withoutAcceptance.length} applied item(s) have no provider acceptance (the provider's answer to a write).`,
          "the id/version the provider returned for each write",
        ),
      );
    }
    // 6. Verification evidence of the same scope, complete, every hash equal: the snapshot the run's
    // own final verification phase wrote, never merely the newest one (fail closed).
    const finalSnapshotId = context.finalVerificationSnapshotId;
    const snapshot = finalSnapshotId
      ? await db.evidenceSnapshot.findFirst({
          where: { id: finalSnapshotId, operationRunId: run.id, restoreRunId: restore.id, kind: "restore_verification" },
        })
      : null;
    let proofMissing = false;
    if (!snapshot) {
      const others = await db.evidenceSnapshot.count({ where: { operationRunId: run.id, kind: "restore_verification" } });
      gaps.push(
        gap(
          "VERIFICATION_MISSING",
          others > 0
            ? `None of the ${others} verification snapshot(s) linked to the run is the one its final verification phase recorded.`
            : "No verification evidence snapshot is linked to the run.",
          "the read-back of every restored object taken by the run's final verification phase",
        ),
      );
      proofMissing = true;
    } else {
      evidence.push({
        kind: "final_verification_snapshot",
        id: snapshot.id,
        value: `${snapshot.status}/${snapshot.completenessState} (written by the run's final verification phase)`,
      });
      const verified = snapshot.items as unknown as VerificationItem[];
      const covered = new Set(verified.map((entry) => entry.restoreItemId));
      const applied = items.filter((item) => item.outcome === "applied");
      if (snapshot.completenessState !== "complete" || applied.some((item) => !covered.has(item.id))) {
        gaps.push(
          gap("VERIFICATION_INCOMPLETE", "The verification did not read back every restored object.", "a read-back of every applied item"),
        );
        proofMissing = true;
      }
      const mismatched = verified.filter((entry) => !entry.match);
      if (mismatched.length > 0) {
        const gone = mismatched.filter((entry) => entry.actualHash === null).length;
        gaps.push(
          gap(
            "VERIFICATION_MISMATCH",
            `${mismatched.length} object(s) read back differently from the backup${gone > 0 ? ` (${gone} no longer exist in the target)` : ""}.`,
            "read-back hash equal to the backup's normalized hash",
          ),
        );
      }
    }
    // 7. An audit event records the live restore and its actor: the user or API token that confirmed
    // it, never a placeholder.
    const audit = await db.auditEvent.findFirst({
      where: { workspaceId: run.workspaceId, action: "restore_run.executed", targetId: restore.id },
      orderBy: { id: "desc" },
    });
    const confirmer =
      (restore.confirmedByUserId && { actorType: "user", actorId: restore.confirmedByUserId }) ||
      (restore.confirmedByTokenId && { actorType: "token", actorId: restore.confirmedByTokenId }) ||
      undefined;
    if (audit && (!confirmer || audit.actorType !== confirmer.actorType || audit.actorId !== confirmer.actorId)) {
      evidence.push({ kind: "audit_event", id: String(audit.id), value: `${audit.actorType}:${audit.actorId ?? ""}` });
      gaps.push(
        gap(
          "AUDIT_ACTOR_MISSING",
          "The audit event of this restore does not name the user or API token that confirmed it.",
          "audit event restore_run.executed naming the confirming user or API token",
        ),
      );
    } else if (!audit) {
      gaps.push(
        gap(
          "AUDIT_MISSING",
          "No audit event records this live restore and who confirmed it.",
          "audit event restore_run.executed with its actor",
        ),
      );
      proofMissing = true;
    } else {
      evidence.push({ kind: "audit_event", id: String(audit.id) });
    }
    if (gaps.length === 0) return { decision: "reconciled", outcome: "succeeded", reasonCode: "recovery_proven", proofGaps: [], evidence };
    if (counts.succeeded === 0 && counts.partial === 0)
      return { decision: "reconciled", outcome: "failed", reasonCode: "nothing_applied", proofGaps: gaps, evidence };
    if (!allApplied)
      return { decision: "reconciled", outcome: "partially_succeeded", reasonCode: "mixed_results", proofGaps: gaps, evidence };
    // Every write was accepted: missing proof may still arrive; a mismatch will not change.
    if (proofMissing && !gaps.some((entry) => entry.code === "VERIFICATION_MISMATCH")) {
      return { decision: "not_reconciled", reasonCode: "proof_missing", proofGaps: gaps, evidence };
    }
    const reasonCode = gaps.some((entry) => entry.code === "VERIFICATION_MISMATCH") ? "verification_failed" : "audit_actor_missing";
    return { decision: "reconciled", outcome: "partially_succeeded", reasonCode, proofGaps: gaps, evidence };
  },
};

function notYet(message: string): AdapterVerdict {
  return {
    decision: "not_reconciled",
    reasonCode: "execution_in_progress",
    proofGaps: [gap("NOT_TERMINAL", message, "a finished execution")],
    evidence: [],
  };
}
