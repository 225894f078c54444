import type { Db, OperationRun } from "@atlas/db";
import type { Prisma } from "@atlas/db";
import { type Actor, actorLabel } from "../access/actor.ts";
import { recordAuditEvent } from "../audit/audit.ts";
import { settleBackupSetOfRun } from "../backup/backup-set-final.ts";
import { notifyRunFinished } from "../notifications/notifications.ts";
import { followExecutionRunInTx } from "../restore/restore-follow.ts";
import { sanitizeMessage } from "../security/sanitize.ts";
import { type RunOutcome, type RunStatus, type TransitionTarget, isFinalStatus, transitionViolation } from "./status.ts";

export interface TransitionRequest extends TransitionTarget {
  runId: string;
  /** The status the caller believes the run has; the write only happens if it still has it. */
  from: RunStatus | RunStatus[];
  actor: Actor;
  reasonCode: string;
  message?: string;
  workerId?: string | null;
  /** Set by a worker: the move holds only while the run is still held by this worker id. */
  heldBy?: string | null;
  failure?: { reasonCode: string; message: string };
}

export type TransitionResult = { applied: true; run: OperationRun } | { applied: false; run: OperationRun | null; reason: string };

type Tx = Prisma.TransactionClient;

/**
 * The ONLY writer of a run's status and outcome. Each accepted move appends a run event; a rejected
 * move is kept as an event too, so the history shows every attempt. Final states notify the
 * initiator, are audited, and bring the restore run a restore.execute run executes to its matching
 * final status, all in the same transaction.
 */
export async function transitionRun(db: Db, request: TransitionRequest): Promise<TransitionResult> {
  return db.$transaction((tx) => transitionRunInTx(tx, request));
}

export async function transitionRunInTx(tx: Tx, request: TransitionRequest): Promise<TransitionResult> {
  const current = await tx.operationRun.findUnique({ where: { id: request.runId } });
  if (!current) return { applied: false, run: null, reason: "run not found" };
  const violation = violationFrom(current, request);
  if (violation) return reject(tx, current, request, violation);
  const now = new Date();
  const final = isFinalStatus(request.status);
  // The write holds only while the run still has the status it was judged by: a concurrent
  // transition waits for this row's lock, then matches no row and is rejected below. A worker's move
  // also needs the worker it was judged by: another worker may have resumed the run meanwhile.
  const [run] = await tx.operationRun.updateManyAndReturn({
    where: { id: current.id, status: current.status, ...(request.heldBy !== undefined ? { workerId: request.heldBy } : {}) },
    data: {
      status: request.status,
      outcome: request.outcome,
      updatedAt: now,
      ...(request.status === "running" && !current.startedAt ? { startedAt: now } : {}),
      ...(request.status === "running" ? { lastHeartbeatAt: now, workerId: request.workerId ?? null } : {}),
      ...(final ? { completedAt: now, progress: current.progress === null ? null : 1, reconcileDeadlineAt: null } : {}),
      ...(request.failure
        ? { failureReasonCode: request.failure.reasonCode, failureMessage: sanitizeMessage(request.failure.message) }
        : {}),
    },
  });
  // It moved meanwhile: judge it again by its new status (the next read sees the committed move).
  if (!run) return transitionRunInTx(tx, request);
  await appendEvent(tx, current, request, "transition", request.message);
  if (final) await onFinal(tx, run, request.actor);
  return { applied: true, run };
}

function violationFrom(current: OperationRun, request: TransitionRequest): string | undefined {
  const expected = Array.isArray(request.from) ? request.from : [request.from];
  if (!expected.includes(current.status)) return `run is ${current.status}, expected ${expected.join(" or ")}`;
  if (request.heldBy !== undefined && current.workerId !== request.heldBy)
    return `run is held by worker ${current.workerId ?? "none"}, not by ${request.heldBy ?? "none"}`;
  return transitionViolation(current.status, request);
}

/** A rejected move is kept as an event, so the history shows every attempt. */
async function reject(tx: Tx, current: OperationRun, request: TransitionRequest, violation: string): Promise<TransitionResult> {
  await appendEvent(tx, current, request, "rejected_transition", violation);
  return { applied: false, run: current, reason: violation };
}

async function appendEvent(tx: Tx, current: OperationRun, request: TransitionRequest, kind: string, message?: string) {
  await tx.operationRunEvent.create({
    data: {
      runId: current.id,
      kind,
      fromStatus: current.status,
      toStatus: request.status,
      fromOutcome: current.outcome,
      toOutcome: request.outcome as RunOutcome,
      reasonCode: request.reasonCode,
      message: message ? sanitizeMessage(message) : null,
      actor: actorLabel(request.actor),
    },
  });
}

async function onFinal(tx: Tx, run: OperationRun, actor: Actor) {
  // A backup set reaches its own final status in the same transaction as its run.
  await settleBackupSetOfRun(tx, run);
  // A restore run follows its execution run to the matching final status, in the same transaction.
  await followExecutionRunInTx(tx, run, actor);
  await notifyRunFinished(tx, run);
  await recordAuditEvent(tx, {
    workspaceId: run.workspaceId,
    environmentId: run.managedEnvironmentId,
    actor,
    action: `operation_run.${run.outcome}`,
    targetType: "operation_run",
    targetId: run.id,
    outcome: run.outcome === "succeeded" ? "success" : run.outcome,
    metadata: { type: run.type, reasonCode: run.failureReasonCode },
  });
}
