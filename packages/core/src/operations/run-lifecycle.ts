import { type Db, type OperationRun, PREPARED_STATEMENT } from "@atlas/db";
import { type Actor, SYSTEM_ACTOR, assertCapability } from "../access/actor.ts";
import { recordAuditEvent } from "../audit/audit.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { sanitizeMessage } from "../security/sanitize.ts";
import { readRunLifecycle } from "./run-context.ts";
import type { FinalOutcome } from "./status.ts";
import { runColumns } from "./run-row.ts";
import { type StoredReconciliation, transitionRun } from "./transition.ts";

/**
 * Worker side of a run. A job claims its run (queued -> running, or running -> running when it
 * resumes after a dead worker), reports progress and heartbeats, and ends execution. Whether the
 * run SUCCEEDED is decided by its reconciliation adapter, never by the job.
 */
export async function claimRun(db: Db, runId: string, workerId: string): Promise<OperationRun | undefined> {
  const result = await transitionRun(db, {
    runId,
    from: ["queued", "running"],
    status: "running",
    outcome: "pending",
    actor: { kind: "system", name: `worker:${workerId}` },
    reasonCode: (from) => (from === "running" ? "resumed" : "claimed"),
    message: (from) => (from === "running" ? `Resumed by worker ${workerId} after the previous worker stopped.` : undefined),
    workerId,
    // A job whose run has ended (cancelled while queued, a late retry) has nothing to claim.
    quietIfEnded: true,
  });
  return result.applied ? result.run : undefined;
}

/**
 * Renews the run's heartbeat while this worker still holds it. Answers false once another worker
 * has resumed the run (the sweep took this one for lost) or the run has ended: the beat of a slow
 * worker must never take the run back from the worker now executing it.
 */
export async function heartbeatRun(db: Db, runId: string, workerId: string): Promise<boolean> {
  const renewed = await db.operationRun.updateMany({
    where: { id: runId, status: "running", workerId },
    data: { lastHeartbeatAt: new Date() },
  });
  return renewed.count === 1;
}

export interface ProgressUpdate {
  progress?: number;
  summaryCounts?: Record<string, number>;
  /** Merged into context at the top level (e.g. a resume cursor). */
  context?: Record<string, unknown>;
}

/** A run as the worker executing it claimed it: its id and the claiming worker. */
export type HeldRun = Pick<OperationRun, "id" | "workerId">;

/**
 * The worker's run was resumed by another worker (the sweep took this one for lost) or has ended:
 * this worker must stop at once, without writing progress, items or an outcome into the run.
 */
export class RunNoLongerHeldError extends Error {
  constructor(readonly runId: string) {
    super(`Run ${runId} is no longer held by this worker (resumed by another worker, or ended).`);
    this.name = "RunNoLongerHeldError";
  }
}

export const isRunNoLongerHeld = (error: unknown): error is RunNoLongerHeldError => error instanceof RunNoLongerHeldError;

/**
 * Merges the update in SQL (`context || patch`), so a concurrent write to another key, such as a
 * cancel request, is never lost to a read-modify-write. Written only while the worker that claimed
 * the run still holds it: a slow worker whose run another worker resumed gets RunNoLongerHeldError
 * instead of overwriting the new worker's cursor and counts, and stops before its next unit of work.
 */
export async function reportProgress(db: Db, run: HeldRun, update: ProgressUpdate): Promise<OperationRun> {
  const progress = update.progress === undefined ? null : Math.max(0, Math.min(1, update.progress));
  const counts = update.summaryCounts ? JSON.stringify(update.summaryCounts) : null;
  // The row as written comes back with the write: a reconciliation that follows needs no read.
  const [written] = await db.$queryRaw<OperationRun[]>`${PREPARED_STATEMENT}
    update operation_runs r
       set progress = coalesce(${progress}::double precision, progress),
           summary_counts = coalesce(${counts}::jsonb, summary_counts),
           context = context || ${JSON.stringify(update.context ?? {})}::jsonb,
           last_heartbeat_at = now(),
           updated_at = now()
     where id = ${run.id}::uuid and status = 'running' and worker_id is not distinct from ${run.workerId}::text
 returning ${runColumns("r")}`;
  if (!written) throw new RunNoLongerHeldError(run.id);
  return written;
}

/** True when someone asked to cancel; the job stops before its next unit of work. */
export async function isCancelRequested(db: Db, runId: string): Promise<boolean> {
  const run = await db.operationRun.findUnique({ where: { id: runId }, select: { context: true, status: true } });
  return !run || run.status === "completed" || Boolean(readRunLifecycle(run.context).cancelRequestedAt);
}

export async function completeRun(
  db: Db,
  runId: string,
  outcome: FinalOutcome,
  reason: {
    reasonCode: string;
    message?: string;
    actor?: Actor;
    failure?: boolean;
    /** A worker ending its own run: only while it still holds it (see RunNoLongerHeldError). */
    heldBy?: string | null;
    /** The reconciliation verdict that proves this outcome, stored with the completion. */
    reconciliation?: StoredReconciliation;
  },
): Promise<OperationRun | undefined> {
  const result = await transitionRun(db, {
    runId,
    from: ["queued", "running"],
    heldBy: reason.heldBy,
    status: "completed",
    outcome,
    actor: reason.actor ?? SYSTEM_ACTOR,
    reasonCode: reason.reasonCode,
    message: reason.message,
    failure: reason.failure ? { reasonCode: reason.reasonCode, message: sanitizeMessage(reason.message ?? reason.reasonCode) } : undefined,
    reconciliation: reason.reconciliation,
  });
  return result.applied ? result.run : undefined;
}

/**
 * A queued run is cancelled at once (its job is removed); a running one is asked to stop and its
 * worker completes it as cancelled before the next item.
 */
export async function cancelOperationRun(db: Db, actor: Actor, runId: string): Promise<OperationRun> {
  const run = await db.operationRun.findUnique({ where: { id: runId } });
  if (!run) throw new NotFoundError("Operation run");
  assertCapability(actor, run.workspaceId, run.managedEnvironmentId, "operations.cancel", "Operation run");
  if (run.status === "completed") throw new ValidationError("The run has already completed; there is nothing to cancel.");
  await recordAuditEvent(db, {
    workspaceId: run.workspaceId,
    environmentId: run.managedEnvironmentId,
    actor,
    action: "operation_run.cancel_requested",
    targetType: "operation_run",
    targetId: run.id,
    outcome: "success",
  });
  if (run.status === "queued") {
    await db.$executeRaw`select graphile_worker.remove_job(${`run:${run.id}`})`;
    const cancelled = await completeRun(db, runId, "cancelled", {
      reasonCode: "cancelled",
      message: "Cancelled before it started.",
      actor,
    });
    if (cancelled) return cancelled;
  }
  await db.$executeRaw`update operation_runs set context = context || jsonb_build_object('cancelRequestedAt', now()), updated_at = now() where id = ${runId}::uuid and status = 'running'`;
  return db.operationRun.findUniqueOrThrow({ where: { id: runId } });
}
