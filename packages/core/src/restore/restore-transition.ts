import type { Db, Prisma, RestoreRun } from "@atlas/db";
import { type Actor, actorLabel } from "../access/actor.ts";
import { sanitizeMessage } from "../security/sanitize.ts";
import { type RestoreRunStatus, restoreStage } from "./restore-status.ts";

/**
 * The restore run's transition table: the only moves its status may make. Planning steps may go back
 * to `scoped` (a new scope resets checks and preview); execution only moves forward; final statuses
 * never change.
 */
const ALLOWED: Record<RestoreRunStatus, readonly RestoreRunStatus[]> = {
  draft: ["scoped"],
  scoped: ["scoped", "checked", "previewed"],
  checked: ["scoped", "checked", "previewed"],
  previewed: ["scoped", "checked", "previewed", "queued"],
  pending: ["scoped", "queued", "cancelled"],
  queued: ["running", "failed", "cancelled"],
  running: ["completed", "dry_run_completed", "partial", "failed", "cancelled"],
  completed: [],
  dry_run_completed: [],
  partial: [],
  failed: [],
  cancelled: [],
};

/** Returns why a restore status move is not allowed, or undefined when it is. */
export function restoreTransitionViolation(from: RestoreRunStatus, to: RestoreRunStatus): string | undefined {
  return ALLOWED[from].includes(to) ? undefined : `restore run transition ${from} -> ${to} is not allowed`;
}

export interface RestoreTransitionRequest {
  restoreRunId: string;
  to: RestoreRunStatus;
  /** The statuses the caller believes the run has; the write only happens if it still has one. */
  from?: RestoreRunStatus[];
  /** A further precondition on the locked row (e.g. "this preview is still the current one"). */
  guard?: (run: RestoreRun) => string | undefined;
  actor: Actor;
  reasonCode: string;
  message?: string;
  failure?: { reasonCode: string; message: string };
  /** Fields written together with the status (counts, checks, the operation run link...). */
  data?: Prisma.RestoreRunUncheckedUpdateInput;
}

export type RestoreTransitionResult = { applied: true; run: RestoreRun } | { applied: false; run: RestoreRun | null; reason: string };

type Tx = Prisma.TransactionClient;

/**
 * The ONLY writer of a restore run's status. Locks the row, checks the table and the caller's
 * expectations, writes, and appends a restore run event; a refused move is appended as
 * `rejected_transition`, so the history shows every attempt.
 */
export async function transitionRestoreRun(db: Db, request: RestoreTransitionRequest): Promise<RestoreTransitionResult> {
  return db.$transaction((tx) => transitionRestoreRunInTx(tx, request));
}

export async function transitionRestoreRunInTx(tx: Tx, request: RestoreTransitionRequest): Promise<RestoreTransitionResult> {
  const rows = await tx.$queryRaw<{ id: string }[]>`select id from restore_runs where id = ${request.restoreRunId}::uuid for update`;
  const current = rows.length === 0 ? null : await tx.restoreRun.findUnique({ where: { id: request.restoreRunId } });
  if (!current) return { applied: false, run: null, reason: "restore run not found" };
  const violation =
    request.from && !request.from.includes(current.status)
      ? `restore run is ${current.status}, expected ${request.from.join(" or ")}`
      : (restoreTransitionViolation(current.status, request.to) ?? request.guard?.(current));
  if (violation) {
    await appendEvent(tx, current, request, "rejected_transition", violation);
    return { applied: false, run: current, reason: violation };
  }
  const now = new Date();
  const final = restoreStage(request.to) === "final";
  const run = await tx.restoreRun.update({
    where: { id: current.id },
    data: {
      ...request.data,
      status: request.to,
      updatedAt: now,
      ...(request.to === "running" && !current.startedAt ? { startedAt: now } : {}),
      ...(final ? { completedAt: now } : {}),
      ...(request.failure
        ? { failureReasonCode: request.failure.reasonCode, failureMessage: sanitizeMessage(request.failure.message) }
        : {}),
    },
  });
  await appendEvent(tx, current, request, "transition", request.message);
  return { applied: true, run };
}

async function appendEvent(tx: Tx, current: RestoreRun, request: RestoreTransitionRequest, kind: string, message?: string) {
  await tx.restoreRunEvent.create({
    data: {
      restoreRunId: current.id,
      kind,
      fromStatus: current.status,
      toStatus: request.to,
      reasonCode: request.reasonCode,
      message: message ? sanitizeMessage(message) : null,
      actor: actorLabel(request.actor),
    },
  });
}
