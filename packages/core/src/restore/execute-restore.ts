import type { Db, OperationRun, Prisma, RestoreRun } from "@atlas/db";
import type { Actor } from "../access/actor.ts";
import { recordAuditEvent } from "../audit/audit.ts";
import { completeRun, isCancelRequested, reportProgress } from "../operations/run-lifecycle.ts";
import { readRunContext } from "../operations/run-context.ts";
import { reconcileRun } from "../reconciliation/reconcile-run.ts";
import { type ConnectEnvironment, buildReferenceMaps, scopedFoundationIdsOf } from "./reference-maps.ts";
import { countOutcomes, finalRestoreStatus } from "./restore-status.ts";
import { transitionRestoreRun } from "./restore-transition.ts";
import { TargetClaims, claimantOf } from "./target-resolution.ts";
import { verifyRestore } from "./verify-restore.ts";
import { type RestoreItemRow, writeRestoreItem } from "./write-restore-item.ts";

const ITEM_CONCURRENCY = 8;

function chunks<T>(values: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < values.length; start += size) result.push(values.slice(start, start + size));
  return result;
}

/** Targets already written by this run (a resumed job): later items must not write them again. */
function claimsOf(items: RestoreItemRow[], sameTenant: boolean): TargetClaims {
  const claims = new TargetClaims();
  for (const item of items) {
    if ((item.outcome === "applied" || item.outcome === "partial") && item.targetProviderId)
      claims.claim(claimantOf(item), { targetId: item.targetProviderId, byName: !sameTenant });
  }
  return claims;
}

/**
 * Executes a confirmed restore run (the operation run is already claimed by the caller): writes
 * the scoped items in order (foundations first, with an id remap), one result at a time with the
 * provider's acceptance, never one target object twice. A resumed job skips items that already
 * have a result. A dry run walks the same path without writing. A live run then verifies every
 * applied object in a final read-back phase and is audited; the restore.execute adapter decides.
 */
export async function executeRestoreRun(db: Db, run: OperationRun, connect: ConnectEnvironment): Promise<void> {
  const runId = run.id;
  const finish = async () => {
    const finished = await reportProgress(db, run, { progress: 1, context: { executionFinishedAt: new Date().toISOString() } });
    await reconcileRun(db, runId, { run: finished });
  };
  const restore = await db.restoreRun.findUnique({ where: { id: readRunContext("restore.execute", run.context).restoreRunId ?? "" } });
  if (!restore || restore.deletedAt || restore.operationRunId !== runId) return finish();
  const actor: Actor = { kind: "system", name: "restore.execute" };
  if (restore.status === "queued")
    await transitionRestoreRun(db, { restoreRunId: restore.id, from: ["queued"], to: "running", actor, reasonCode: "execution_started" });
  const target = await connect(restore.managedEnvironmentId);
  const items: RestoreItemRow[] = await db.restoreItem.findMany({
    where: { restoreRunId: restore.id },
    include: { backupItem: { include: { policyVersion: { select: { rawPayload: true } } } } },
    orderBy: { ordinal: "asc" },
  });
  // A dry run creates nothing, so a foundation in scope counts as there for its dependants, as in
  // the preview: the dry run then lists only references the live run could not map either. A live
  // run maps to what it really created (a failed foundation leaves its references unmapped).
  const maps = await buildReferenceMaps(
    db,
    connect,
    restore,
    target,
    restore.dryRun ? { scopedFoundationIds: scopedFoundationIdsOf(items) } : {},
  );
  const claims = claimsOf(items, maps.sameTenant);
  const pending = items.filter((item) => item.outcome === "pending");
  // Foundations one by one (later items reference what they create), then policies a few at a
  // time: the tenant's request budget, not round trips, should set the pace.
  const batches = [
    ...pending.filter((item) => item.isFoundation).map((item) => [item]),
    ...chunks(
      pending.filter((item) => !item.isFoundation),
      ITEM_CONCURRENCY,
    ),
  ];
  for (const batch of batches) {
    if (await isCancelRequested(db, runId)) {
      // The run's final transition brings the restore run to cancelled in the same transaction.
      await completeRun(db, runId, "cancelled", {
        reasonCode: "cancelled",
        message: `Cancelled with ${pending.filter((item) => item.outcome === "pending").length} items not started.`,
        heldBy: run.workerId,
      });
      return;
    }
    // Every write of the batch settles before a failure ends this job attempt: a sibling still
    // writing while the retried job starts would race it for the same items.
    const settled = await Promise.allSettled(
      batch.map(async (item) => {
        const result = await writeRestoreItem(db, target, restore, item, maps, claims);
        Object.assign(item, result);
        await db.restoreItem.update({
          where: { id: item.id },
          data: { ...result, updatedAt: new Date() } as Prisma.RestoreItemUpdateInput,
        });
      }),
    );
    const failure = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === "rejected");
    if (failure) throw failure.reason;
    const done = items.filter((item) => item.outcome !== "pending").length;
    await reportProgress(db, run, {
      progress: done / (items.length + 1),
      summaryCounts: { ...countOutcomes(items) } as unknown as Record<string, number>,
    });
  }
  const counts = countOutcomes(items);
  const status = restore.dryRun ? "dry_run_completed" : finalRestoreStatus(counts);
  await transitionRestoreRun(db, {
    restoreRunId: restore.id,
    from: ["running"],
    to: status,
    actor,
    reasonCode: "execution_finished",
    data: { counts: counts as unknown as Prisma.InputJsonValue },
  });
  if (!restore.dryRun) {
    const snapshotId = await verifyRestore(db, target, restore, runId, maps);
    await reportProgress(db, run, { context: { finalVerificationSnapshotId: snapshotId } });
    const confirmedBy = await confirmingActor(db, restore);
    await recordAuditEvent(db, {
      workspaceId: restore.workspaceId,
      environmentId: restore.managedEnvironmentId,
      actor: confirmedBy?.actor ?? { kind: "system", name: "restore" },
      action: "restore_run.executed",
      targetType: "restore_run",
      targetId: restore.id,
      outcome: status,
      metadata: { operationRunId: runId, actorName: confirmedBy?.name ?? null, ...counts },
    });
  }
  await finish();
}

/**
 * Who confirmed the restore: the user of the session or the API token (by id and name). Undefined
 * when neither is known any more; the audit then names the system and the proof reports the gap.
 */
async function confirmingActor(db: Db, restore: RestoreRun): Promise<{ actor: Actor; name: string } | undefined> {
  if (restore.confirmedByUserId) {
    const user = await db.user.findUnique({ where: { id: restore.confirmedByUserId }, select: { displayName: true } });
    if (user)
      return {
        actor: { kind: "user", userId: restore.confirmedByUserId, displayName: user.displayName, isSupport: false, grants: [] },
        name: user.displayName,
      };
  }
  if (restore.confirmedByTokenId) {
    const token = await db.apiToken.findUnique({
      where: { id: restore.confirmedByTokenId },
      select: { name: true, workspaceId: true, role: true },
    });
    if (token)
      return {
        actor: {
          kind: "token",
          tokenId: restore.confirmedByTokenId,
          displayName: token.name,
          grants: [{ workspaceId: token.workspaceId, role: token.role, environmentIds: [] }],
        },
        name: token.name,
      };
  }
  return undefined;
}
