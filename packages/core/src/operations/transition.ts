import { type Db, type OperationRun, PREPARED_STATEMENT, type Prisma } from "@atlas/db";
import { type Actor, actorLabel } from "../access/actor.ts";
import { AUDIT_INSERT, auditActor } from "../audit/audit.ts";
import { settleBackupSetOfRun } from "../backup/backup-set-final.ts";
import { runFinishedNotificationInsert } from "../notifications/notifications.ts";
import { followExecutionRunInTx } from "../restore/restore-follow.ts";
import { sanitizeMessage } from "../security/sanitize.ts";
import { runColumns } from "./run-row.ts";
import { RUN_STATUSES, type RunOutcome, type RunStatus, type TransitionTarget, isFinalStatus, transitionViolation } from "./status.ts";

export interface TransitionRequest extends TransitionTarget {
  runId: string;
  /** The status the caller believes the run has; the write only happens if it still has it. */
  from: RunStatus | RunStatus[];
  actor: Actor;
  /** Why the run moved; a function when the reason depends on the status it moves from. */
  reasonCode: string | ((from: RunStatus) => string);
  message?: string | ((from: RunStatus) => string | undefined);
  workerId?: string | null;
  /** Set by a worker: the move holds only while the run is still held by this worker id. */
  heldBy?: string | null;
  failure?: { reasonCode: string; message: string };
  /** A run that has already ended is answered as rejected without a rejected event (a late job of an ended run). */
  quietIfEnded?: boolean;
  /** The reconciliation verdict that decided this move, stored by the same statement. */
  reconciliation?: StoredReconciliation;
}

/** A run's reconciliation as stored in its context, and whether its latest verdict names proof gaps. */
export interface StoredReconciliation {
  reconciliation: unknown;
  hasProofGaps: boolean;
}

export type TransitionResult = { applied: true; run: OperationRun } | { applied: false; run: OperationRun | null; reason: string };

type Tx = Prisma.TransactionClient;

/**
 * Run types whose completion brings a record of their own to its final state in the same
 * transaction (onFinal): a backup set settles with its capture run, a restore run follows its
 * execution run. Every other type completes in one statement.
 */
const TYPES_WITH_FINAL_FOLLOW_UPS = ["backup.capture", "restore.execute"];

/**
 * The ONLY writer of a run's status and outcome. Each accepted move appends a run event; a rejected
 * move is kept as an event too, so the history shows every attempt. Final states notify the
 * initiator and are audited in the same statement, and bring a backup set or restore run to its
 * matching final status in the same transaction.
 *
 * A move is one statement (moveRun): a run's lifecycle is most of the SQL a fleet sends, and every
 * round trip costs more than the work in it. Only a rejected move, or a final move of a type with
 * follow-ups, takes a transaction of several statements.
 */
export async function transitionRun(db: Db, request: TransitionRequest): Promise<TransitionResult> {
  const final = isFinalStatus(request.status);
  const moved = await moveRun(db, request, final ? TYPES_WITH_FINAL_FOLLOW_UPS : []);
  if (moved) return { applied: true, run: moved };
  return db.$transaction((tx) => transitionRunInTx(tx, request));
}

export async function transitionRunInTx(tx: Tx, request: TransitionRequest): Promise<TransitionResult> {
  const run = await moveRun(tx, request, []);
  if (run) {
    if (isFinalStatus(request.status)) await followUpFinal(tx, run, request.actor);
    return { applied: true, run };
  }
  const current = await tx.operationRun.findUnique({ where: { id: request.runId } });
  if (!current) return { applied: false, run: null, reason: "run not found" };
  const violation = violationFrom(current, request);
  // It moved into an acceptable status after the statement above judged it: judge it again.
  if (!violation) return transitionRunInTx(tx, request);
  if (request.quietIfEnded && isFinalStatus(current.status)) return { applied: false, run: current, reason: violation };
  return reject(tx, current, request, violation);
}

/**
 * One statement: lock the run if it still has a status the move is allowed from (and is held by
 * the expected worker), move it, append the transition event, and for a final move notify the
 * initiator and audit the outcome. The lock re-reads the newest row, so a concurrent move is
 * waited for and judged by its result. Answers undefined when nothing moved; types in `skipTypes`
 * are left alone (the caller completes them in a transaction with their follow-ups).
 */
async function moveRun(db: Db | Tx, request: TransitionRequest, skipTypes: string[]): Promise<OperationRun | undefined> {
  const allowed = fromStatuses(request).filter((from) => !transitionViolation(from, request));
  if (allowed.length === 0) return undefined;
  const reasons = allowed.map((from) => reasonOf(request, from));
  const running = request.status === "running";
  const final = isFinalStatus(request.status);
  const failure = request.failure;
  const { actorType, actorId } = auditActor(request.actor);
  const verdict = request.reconciliation;
  const [run] = await db.$queryRaw<OperationRun[]>`${PREPARED_STATEMENT}
    with current as (
      select id, status, outcome from operation_runs
       where id = ${request.runId}::uuid and status::text = any(${allowed}::text[])
         and (${request.heldBy === undefined} or worker_id is not distinct from ${request.heldBy ?? null}::text)
         and type <> all(${skipTypes}::text[])
       for update
    ), moved as (
      update operation_runs r
         set status = ${request.status}::operation_run_status, outcome = ${request.outcome}::operation_run_outcome,
             updated_at = now(),
             started_at = case when ${running} then coalesce(r.started_at, now()) else r.started_at end,
             last_heartbeat_at = case when ${running} then now() else r.last_heartbeat_at end,
             worker_id = case when ${running} then ${request.workerId ?? null}::text else r.worker_id end,
             completed_at = case when ${final} then now() else r.completed_at end,
             progress = case when ${final} and r.progress is not null then 1 else r.progress end,
             reconcile_deadline_at = case when ${final} then null else r.reconcile_deadline_at end,
             failure_reason_code = coalesce(${failure?.reasonCode ?? null}::text, r.failure_reason_code),
             failure_message = coalesce(${failure ? sanitizeMessage(failure.message) : null}::text, r.failure_message),
             context = case when ${verdict === undefined}::boolean then r.context
                            else jsonb_set(r.context, '{reconciliation}', ${JSON.stringify(verdict?.reconciliation ?? null)}::jsonb) end,
             has_proof_gaps = coalesce(${verdict?.hasProofGaps ?? null}::boolean, r.has_proof_gaps)
        from current
       where r.id = current.id
   returning r.*, current.status as from_status, current.outcome as from_outcome,
             array_position(${allowed}::text[], current.status::text) as reason_index
    ), event as (
      insert into operation_run_events (run_id, kind, from_status, to_status, from_outcome, to_outcome, reason_code, message, actor)
      select id, 'transition', from_status, status, from_outcome, outcome,
             (${reasons.map((reason) => reason.reasonCode)}::text[])[reason_index],
             (${reasons.map((reason) => reason.message ?? null)}::text[])[reason_index],
             ${actorLabel(request.actor)}
        from moved
    ), notified as (
      ${runFinishedNotificationInsert("moved")} and ${final}
    ), audited as (
      ${AUDIT_INSERT}
      select workspace_id, managed_environment_id, ${actorType}, ${actorId}::text, 'operation_run.' || outcome::text,
             'operation_run', id::text, case when outcome = 'succeeded' then 'success' else outcome::text end,
             jsonb_build_object('type', type, 'reasonCode', failure_reason_code)
        from moved where ${final}
    )
    select ${runColumns("moved")} from moved`;
  return run;
}

function fromStatuses(request: TransitionRequest): RunStatus[] {
  const from = Array.isArray(request.from) ? request.from : [request.from];
  return RUN_STATUSES.filter((status) => from.includes(status));
}

function reasonOf(request: TransitionRequest, from: RunStatus): { reasonCode: string; message?: string } {
  const reasonCode = typeof request.reasonCode === "function" ? request.reasonCode(from) : request.reasonCode;
  const message = typeof request.message === "function" ? request.message(from) : request.message;
  return { reasonCode, message: message ? sanitizeMessage(message) : undefined };
}

function violationFrom(current: OperationRun, request: TransitionRequest): string | undefined {
  const expected = fromStatuses(request);
  if (!expected.includes(current.status)) return `run is ${current.status}, expected ${expected.join(" or ")}`;
  if (request.heldBy !== undefined && current.workerId !== request.heldBy)
    return `run is held by worker ${current.workerId ?? "none"}, not by ${request.heldBy ?? "none"}`;
  return transitionViolation(current.status, request);
}

/** A rejected move is kept as an event, so the history shows every attempt. */
async function reject(tx: Tx, current: OperationRun, request: TransitionRequest, violation: string): Promise<TransitionResult> {
  await tx.operationRunEvent.create({
    data: {
      runId: current.id,
      kind: "rejected_transition",
      fromStatus: current.status,
      toStatus: request.status,
      fromOutcome: current.outcome,
      toOutcome: request.outcome as RunOutcome,
      reasonCode: reasonOf(request, current.status).reasonCode,
      message: sanitizeMessage(violation),
      actor: actorLabel(request.actor),
    },
  });
  return { applied: false, run: current, reason: violation };
}

async function followUpFinal(tx: Tx, run: OperationRun, actor: Actor) {
  // A backup set reaches its own final status in the same transaction as its run.
  await settleBackupSetOfRun(tx, run);
  // A restore run follows its execution run to the matching final status, in the same transaction.
  await followExecutionRunInTx(tx, run, actor);
}
