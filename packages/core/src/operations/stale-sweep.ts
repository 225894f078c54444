import type { Db, OperationRun } from "@atlas/db";
import { readRunLifecycle } from "./run-context.ts";
import { enqueueTask, isOperationType, jobKeyForRun, taskForOperationType } from "@atlas/jobs";
import { SYSTEM_ACTOR, actorLabel } from "../access/actor.ts";
import { settleBackupSetOfRun } from "../backup/backup-set-final.ts";
import { reconcileRun } from "../reconciliation/reconcile-run.ts";
import { repairRestoreRunsOfFinishedRuns } from "../restore/restore-follow.ts";
import { completeRun } from "./run-lifecycle.ts";

export interface SweepOptions {
  now?: Date;
  /** A running run without a heartbeat for this long has lost its worker. */
  heartbeatStaleMs?: number;
  /** A queued run older than this must have a job. */
  queuedGraceMs?: number;
  proofDeadlineMs?: number;
  /** How many runs one sweep handles at most; the rest wait for the next sweep. */
  batchSize?: number;
}

export interface SweepReport {
  requeued: string[];
  jobLost: string[];
  workersUnlocked: string[];
  reconciled: string[];
  /** Backup sets still capturing although their run was final, now settled as partial or failed. */
  backupSetsRepaired: string[];
  /** Restore runs found queued or running after their execution run completed, now final. */
  restoreRunsRepaired: string[];
}

interface JobRow {
  key: string;
  locked_by: string | null;
  attempts: number;
  max_attempts: number;
}

/**
 * The scheduled stale-run sweep. Level-triggered and idempotent: it looks only at active runs that
 * look stuck (partial index), each step is a conditional write, so several workers may sweep at
 * once without harm.
 */
export async function sweepStaleRuns(db: Db, options: SweepOptions = {}): Promise<SweepReport> {
  const now = options.now ?? new Date();
  const staleBefore = new Date(now.getTime() - (options.heartbeatStaleMs ?? 60_000));
  const queuedBefore = new Date(now.getTime() - (options.queuedGraceMs ?? 60_000));
  const report: SweepReport = {
    requeued: [],
    jobLost: [],
    workersUnlocked: [],
    reconciled: [],
    backupSetsRepaired: [],
    restoreRunsRepaired: [],
  };
  await repairBackupSets(db, report, options.batchSize ?? 100);
  report.restoreRunsRepaired = await repairRestoreRunsOfFinishedRuns(db, { batchSize: options.batchSize });
  const candidates = await db.operationRun.findMany({
    where: {
      OR: [
        { status: "queued", createdAt: { lt: queuedBefore } },
        { status: "running", lastHeartbeatAt: { lt: staleBefore } },
        { status: "running", reconcileDeadlineAt: { lte: now } },
      ],
    },
    orderBy: { updatedAt: "asc" },
    take: options.batchSize ?? 100,
  });
  if (candidates.length === 0) return report;
  const jobs = await jobsByKey(
    db,
    candidates.map((run) => jobKeyForRun(run.id)),
  );
  for (const run of candidates) {
    const job = jobs.get(jobKeyForRun(run.id));
    if (run.status === "queued") await sweepQueued(db, run, job, report);
    else await sweepRunning(db, run, job, report, { now, staleBefore, proofDeadlineMs: options.proofDeadlineMs });
  }
  return report;
}

async function jobsByKey(db: Db, keys: string[]): Promise<Map<string, JobRow>> {
  const rows = await db.$queryRaw<JobRow[]>`
    select key, locked_by, attempts, max_attempts from graphile_worker.jobs where key = any(${keys}::text[])`;
  return new Map(rows.map((row) => [row.key, row]));
}

async function sweepQueued(db: Db, run: OperationRun, job: JobRow | undefined, report: SweepReport) {
  if (job && job.attempts < job.max_attempts) return;
  if (run.enqueueAttempts < 2) {
    const claimed = await db.operationRun.updateMany({
      where: { id: run.id, status: "queued", enqueueAttempts: run.enqueueAttempts },
      data: { enqueueAttempts: { increment: 1 }, updatedAt: new Date() },
    });
    if (claimed.count === 1) {
      await requeue(db, run);
      await note(db, run.id, "job_requeued", "The run's job was missing; it was enqueued again.");
      report.requeued.push(run.id);
    }
    return;
  }
  const failed = await completeRun(db, run.id, "failed", {
    reasonCode: "job_lost",
    message: "The run's job disappeared twice before it started.",
    failure: true,
  });
  if (failed) report.jobLost.push(run.id);
}

async function sweepRunning(
  db: Db,
  run: OperationRun,
  job: JobRow | undefined,
  report: SweepReport,
  options: { now: Date; staleBefore: Date; proofDeadlineMs?: number },
) {
  const executionFinished = Boolean(readRunLifecycle(run.context).executionFinishedAt);
  // A job that used up its attempts stays in the table but will never run again.
  const runnable = job && (job.locked_by || job.attempts < job.max_attempts) ? job : undefined;
  if (executionFinished || !runnable) {
    // Nothing left to execute (or nothing can execute it): let the adapter decide from the data.
    const { run: after } = await reconcileRun(db, run.id, { now: options.now, proofDeadlineMs: options.proofDeadlineMs });
    if (after.status === "completed") {
      report.reconciled.push(run.id);
      return;
    }
    if (!executionFinished && !runnable) {
      if (run.enqueueAttempts < 3) {
        await db.operationRun.update({ where: { id: run.id }, data: { enqueueAttempts: { increment: 1 }, lastHeartbeatAt: new Date() } });
        await requeue(db, run);
        await note(db, run.id, "worker_lost", "The worker stopped and its job is gone; the run was enqueued again to resume.");
        report.requeued.push(run.id);
      } else {
        await completeRun(db, run.id, "failed", {
          reasonCode: "worker_lost",
          message: "The worker stopped repeatedly; the run could not be resumed.",
          failure: true,
        });
        report.jobLost.push(run.id);
      }
    }
    return;
  }
  if (runnable.locked_by) {
    // Only while the heartbeat is still stale: a beat that arrived meanwhile means the worker is
    // slow, not dead, and a second sweeper finds the heartbeat this one just renewed.
    const claimed = await db.operationRun.updateMany({
      where: { id: run.id, status: "running", lastHeartbeatAt: { lt: options.staleBefore } },
      data: { lastHeartbeatAt: new Date() },
    });
    if (claimed.count === 0) return;
    // The job is still locked by the dead worker (graphile-worker would hold it for hours).
    await db.$executeRaw`select graphile_worker.force_unlock_workers(${[runnable.locked_by]}::text[])`;
    await note(db, run.id, "worker_lost", "The worker stopped sending heartbeats; its job was unlocked so another worker resumes the run.");
    report.workersUnlocked.push(runnable.locked_by);
  }
}

/**
 * A set still capturing under a final run can never finish (older versions left such sets behind):
 * it is settled from its stored items. Found through the partial index of capturing sets.
 */
async function repairBackupSets(db: Db, report: SweepReport, batchSize: number) {
  const stuck = await db.backupSet.findMany({
    where: { status: "capturing", operationRun: { status: "completed" } },
    select: { id: true, operationRunId: true },
    take: batchSize,
  });
  for (const set of stuck) {
    const settled = await db.$transaction(async (tx) => {
      const run = await tx.operationRun.findUnique({ where: { id: set.operationRunId ?? "" } });
      return run ? settleBackupSetOfRun(tx, run) : false;
    });
    if (settled) report.backupSetsRepaired.push(set.id);
  }
}

async function requeue(db: Db, run: OperationRun) {
  if (!isOperationType(run.type)) return;
  await enqueueTask(db, taskForOperationType[run.type], { runId: run.id }, { jobKey: jobKeyForRun(run.id) });
}

async function note(db: Db, runId: string, reasonCode: string, message: string) {
  await db.operationRunEvent.create({ data: { runId, kind: "note", reasonCode, message, actor: actorLabel(SYSTEM_ACTOR) } });
}
