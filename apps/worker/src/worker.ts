import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { type SecretBox, fireDueReviewSchedules, fireDueSchedules, sweepStaleRuns } from "@atlas/core";
import { createDb } from "@atlas/db";
import type { TaskName } from "@atlas/jobs";
import { Logger, type Runner, type Task, parseCronItems, run } from "graphile-worker";
import pg from "pg";
import type { GraphSettings } from "./graph.ts";
import { startWorkerHeartbeat } from "./heartbeat.ts";
import type { WorkerDeps } from "./run-task.ts";
import { driftCheckTask } from "./tasks/drift.check.ts";
import { driftScheduleTickTask } from "./tasks/drift.schedule_tick.ts";
import { backupCaptureTask } from "./tasks/backup.capture.ts";
import { environmentReviewComposeTask } from "./tasks/environment.review.compose.ts";
import { reviewScheduleTickTask } from "./tasks/environment.review.schedule_tick.ts";
import { scheduleTickTask } from "./tasks/backup.schedule_tick.ts";
import { inventorySyncTask } from "./tasks/inventory.sync.ts";
import { policySnapshotTask } from "./tasks/policy.capture_snapshot.ts";
import { restoreExecuteTask } from "./tasks/restore.execute.ts";
import { restorePreviewTask } from "./tasks/restore.preview.ts";
import { staleSweepTask } from "./tasks/operations.stale_sweep.ts";

export interface WorkerOptions {
  connectionString: string;
  box: SecretBox;
  concurrency?: number;
  heartbeatMs?: number;
  heartbeatStaleMs?: number;
  queuedGraceMs?: number;
  /** Extra in-process sweep timer; the crontab's one-minute resolution is too coarse for tests. */
  sweepIntervalMs?: number;
  /** Extra in-process backup schedule tick, for the same reason. */
  scheduleTickMs?: number;
  graph?: GraphSettings;
  log?: WorkerDeps["log"];
}

export interface RunningWorker {
  workerId: string;
  /** Settles when the job runner ends; a rejection is a fault the process cannot recover from. */
  done: Promise<void>;
  stop(): Promise<void>;
}

// The sweep is enqueued every minute by graphile-worker's cron; no backfill: a missed minute needs
// no catch-up, the next sweep sees the same (level-triggered) state. Parsed items, because the
// crontab text syntax does not accept dots in task names.
const CRON_ITEMS = parseCronItems([
  {
    task: "operations.stale_sweep",
    match: "* * * * *",
    identifier: "stale-run-sweep",
    options: { maxAttempts: 1, jobKey: "stale-run-sweep" },
  },
  {
    task: "backup.schedule_tick",
    match: "* * * * *",
    identifier: "backup-schedule-tick",
    options: { maxAttempts: 1, jobKey: "backup-schedule-tick" },
  },
  {
    task: "environment.review.schedule_tick",
    match: "* * * * *",
    identifier: "review-schedule-tick",
    options: { maxAttempts: 1, jobKey: "review-schedule-tick" },
  },
  // Each workspace's drift interval is whole hours (default 6); a due environment is seen within 15 minutes.
  {
    task: "drift.schedule_tick",
    match: "*/15 * * * *",
    identifier: "drift-schedule-tick",
    options: { maxAttempts: 1, jobKey: "drift-schedule-tick" },
  },
]);

export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const workerId = `worker-${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
  const db = createDb(options.connectionString, { max: (options.concurrency ?? 4) + 2 });
  const log = options.log ?? ((message, meta) => console.log(JSON.stringify({ level: "info", workerId, message, ...meta })));
  const deps: WorkerDeps = { db, box: options.box, workerId, heartbeatMs: options.heartbeatMs ?? 5000, graph: options.graph ?? {}, log };
  const sweep = { heartbeatStaleMs: options.heartbeatStaleMs ?? 60_000, queuedGraceMs: options.queuedGraceMs ?? 60_000 };
  // Checked against the catalog: a task name without a handler (or a handler without a name) does not compile.
  const taskList = {
    "inventory.sync": inventorySyncTask(deps),
    "operations.stale_sweep": staleSweepTask(deps, sweep),
    "backup.capture": backupCaptureTask(deps),
    "policy.capture_snapshot": policySnapshotTask(deps),
    "backup.schedule_tick": scheduleTickTask(deps),
    "restore.preview": restorePreviewTask(deps),
    "restore.execute": restoreExecuteTask(deps),
    "environment.review.compose": environmentReviewComposeTask(deps),
    "environment.review.schedule_tick": reviewScheduleTickTask(deps),
    "drift.check": driftCheckTask(deps),
    "drift.schedule_tick": driftScheduleTickTask(deps),
  } satisfies Record<TaskName, Task>;
  // The job runner's own pool, so stop() can wait until its connections are closed: given only a
  // connection string, graphile-worker ends its pool without waiting, and a database dropped or
  // shut down right after stop() would then fail a client that is still closing.
  const jobPool = new pg.Pool({ connectionString: options.connectionString, max: 10 });
  jobPool.on("error", (error) => log("job runner connection failed", { error: String(error) }));
  const runner: Runner = await run({
    pgPool: jobPool,
    concurrency: options.concurrency ?? 4,
    noHandleSignals: true,
    pollInterval: 1000,
    parsedCronItems: CRON_ITEMS,
    // graphile-worker's own chatter goes through our structured log, warnings and errors only.
    logger: new Logger((scope) => (level, message) => {
      if (level === "error" || level === "warning") log(message, { level, scope: scope.label });
    }),
    taskList,
  }).catch(async (error: unknown) => {
    await Promise.all([jobPool.end(), db.$disconnect()]);
    throw error;
  });
  const timer = options.sweepIntervalMs
    ? setInterval(() => {
        sweepStaleRuns(db, sweep).catch((error) => log("sweep failed", { error: String(error) }));
      }, options.sweepIntervalMs)
    : undefined;
  const scheduleTimer = options.scheduleTickMs
    ? setInterval(() => {
        fireDueSchedules(db).catch((error) => log("schedule tick failed", { error: String(error) }));
        fireDueReviewSchedules(db).catch((error) => log("review schedule tick failed", { error: String(error) }));
      }, options.scheduleTickMs)
    : undefined;
  const heartbeat = startWorkerHeartbeat(db, workerId, deps.heartbeatMs, log);
  log("worker started", { concurrency: options.concurrency ?? 4 });
  return {
    workerId,
    done: runner.promise,
    async stop() {
      if (timer) clearInterval(timer);
      await heartbeat.stop();
      if (scheduleTimer) clearInterval(scheduleTimer);
      await runner.stop();
      await Promise.all([jobPool.end(), db.$disconnect()]);
    },
  };
}
