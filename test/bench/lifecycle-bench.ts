/**
 * Run lifecycle throughput next to bare graphile-worker, on one fresh database in one process
 * (a figure, never asserted: this machine is shared).
 *   pnpm bench:lifecycle        (LIFECYCLE_RUNS=2000, LIFECYCLE_CONCURRENCY=4, LIFECYCLE_ROUNDS=3)
 * Bare: N no-op jobs drained by a graphile-worker runner whose task does nothing, added once in one
 * batch and once one by one (CONCURRENCY calls at a time, as the runs below are started).
 * Lifecycle: N runs started through core's startOperationRun (run row, event, job and audit in one
 * statement, each its own start as the API makes it), then executed by the product's run shell
 * (withClaimedRun: claim, heartbeat) with a snapshot task's ending and an empty body (no Graph call,
 * no version recorded): the final progress report, and reconciliation, which completes the run with
 * its verdict in the same statement, as every run task ends. Both print items per second from the first add to the last finish.
 */
import { performance } from "node:perf_hooks";
import { claimRun, loadUserActor, reconcileRun, reportProgress, startOperationRun } from "@atlas/core";
import type { OperationRun } from "@atlas/db";
import { parseTaskPayload } from "@atlas/jobs";
import { type WorkerDeps, withClaimedRun } from "@atlas/worker";
import { Logger, type Task, makeWorkerUtils, run } from "graphile-worker";
import { openBenchDatabase } from "./bench-database.ts";

const RUNS = Number(process.env.LIFECYCLE_RUNS ?? 2000);
const ROUNDS = Number(process.env.LIFECYCLE_ROUNDS ?? 3);
const CONCURRENCY = Number(process.env.LIFECYCLE_CONCURRENCY ?? 4);
const quiet = new Logger(() => () => {});

/** Runs a graphile-worker runner over `tasks` until `count` jobs succeeded; returns its runner's wall time. */
async function drain(connectionString: string, tasks: Record<string, Task>, count: number, enqueue: () => Promise<void>): Promise<number> {
  const runner = await run({
    connectionString,
    concurrency: CONCURRENCY,
    noHandleSignals: true,
    pollInterval: 1000,
    taskList: tasks,
    logger: quiet,
  });
  let done = 0;
  let failed = 0;
  const finished = new Promise<void>((resolve) => {
    runner.events.on("job:success", () => {
      done += 1;
      if (done === count) resolve();
    });
    runner.events.on("job:error", () => {
      failed += 1;
    });
  });
  const started = performance.now();
  await enqueue();
  await finished;
  const elapsed = performance.now() - started;
  await runner.stop();
  if (failed) console.log(`  (${failed} job errors)`);
  return elapsed;
}

/** Calls `step` for indexes 0..count-1, CONCURRENCY calls at a time. */
async function eachConcurrently(count: number, step: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) await step(next++);
    }),
  );
}

// SQL statements are counted for one run before the timed part: a figure no load can change.
let counted: string[] | undefined;
const { url, serverLabel, db, box, demo, close } = await openBenchDatabase("atlas_lifecycle", {
  max: CONCURRENCY + 4,
  onStatement: (sql) => counted?.push(sql),
});

/** The statements `step` sends, printed when LIFECYCLE_SHOW_SQL is set. */
async function statementsOf(step: () => Promise<unknown>): Promise<number> {
  counted = [];
  await step();
  const sent = counted;
  counted = undefined;
  if (process.env.LIFECYCLE_SHOW_SQL) console.log(sent.map((sql) => `    ${sql.slice(0, 160)}`).join("\n"));
  return sent.length;
}

try {
  const workspaceId = demo.demo!.workspaceId;
  const environmentId = Object.values(demo.demo!.environments)[0]!;
  const owner = await db.user.findFirstOrThrow({ where: { email: "owner@demo.test" } });
  const actor = (await loadUserActor(db, owner.id))!;
  console.log(
    `run lifecycle throughput, ${RUNS} items per side, ${ROUNDS} alternating rounds, worker concurrency ${CONCURRENCY}, PostgreSQL ${serverLabel}`,
  );

  const utils = await makeWorkerUtils({ connectionString: url });
  await utils.migrate();
  const probeId = (
    await startOperationRun(db, actor, {
      workspaceId,
      environmentId,
      type: "policy.capture_snapshot",
      targetKey: "bench:probe-warmup",
      capability: "backup.run",
      context: { objectType: "deviceConfigurations", providerId: "bench-probe-warmup" },
    })
  ).run.id;
  await db.$executeRaw`select graphile_worker.remove_job(${`run:${probeId}`})`;
  let runId = "";
  let claimed: OperationRun | undefined;
  let finished: OperationRun | undefined;
  const perStep = {
    start: await statementsOf(async () => {
      runId = (
        await startOperationRun(db, actor, {
          workspaceId,
          environmentId,
          type: "policy.capture_snapshot",
          targetKey: "bench:probe",
          capability: "backup.run",
          context: { objectType: "deviceConfigurations", providerId: "bench-probe" },
        })
      ).run.id;
    }),
    claim: await statementsOf(async () => {
      claimed = await claimRun(db, runId, "bench-probe");
    }),
    progress: await statementsOf(async () => {
      finished = await reportProgress(db, claimed!, {
        progress: 1,
        summaryCounts: { total: 0 },
        context: { executionFinishedAt: new Date().toISOString() },
      });
    }),
    "reconcile and complete": await statementsOf(() => reconcileRun(db, runId, { run: finished })),
  };
  await db.$executeRaw`select graphile_worker.remove_job(${`run:${runId}`})`;
  const total = Object.values(perStep).reduce((sum, count) => sum + count, 0);
  console.log(
    `  SQL statements per run: ${total} (${Object.entries(perStep)
      .map(([step, count]) => `${step} ${count}`)
      .join(", ")})`,
  );

  // A snapshot run is the smallest run type; each gets its own target so none is deduplicated. The
  // task is the product's snapshot task with an empty body: the shared run shell claims the run and
  // heartbeats, the final progress report marks execution finished, and reconciliation completes
  // the run with its verdict in the same statement. With no version captured the snapshot adapter
  // proves a failure (VERSION_MISSING) without a read; a success is the same statement.
  const deps: WorkerDeps = { db, box, workerId: "bench", heartbeatMs: 5000, graph: {}, log: () => {} };
  const lifecycleTask: Task = async (payload, helpers) => {
    const { runId } = parseTaskPayload("policy.capture_snapshot", payload);
    await withClaimedRun(deps, runId, helpers, async ({ run }) => {
      const finished = await reportProgress(db, run, {
        progress: 1,
        summaryCounts: { total: 0 },
        context: { executionFinishedAt: new Date().toISOString() },
      });
      await reconcileRun(db, runId, { run: finished });
    });
  };
  const noop: Record<string, Task> = { "bench.noop": async () => {} };
  const perSecond = (ms: number) => RUNS / (ms / 1000);
  const row = (label: string, ms: number, extra = "") =>
    console.log(`    ${label.padEnd(52)} ${perSecond(ms).toFixed(0).padStart(6)} /s (${(ms / 1000).toFixed(1)} s${extra})`);
  const ratios: { single: number; batch: number }[] = [];

  // Alternating rounds, so a disturbance of the shared machine (or the database's own checkpoint
  // after an earlier benchmark) lands on both sides; the figure is the median of the rounds' ratios.
  for (let round = 1; round <= ROUNDS; round++) {
    console.log(`  round ${round}`);
    const batchMs = await drain(url, noop, RUNS, async () => {
      await utils.addJobs(Array.from({ length: RUNS }, () => ({ identifier: "bench.noop", payload: {} })));
    });
    row("bare graphile-worker no-op jobs, added in one batch", batchMs);
    // Like for like: a run is started by its own request, so here each job is added by its own
    // call, CONCURRENCY at a time, while the runner drains them.
    const singleMs = await drain(url, noop, RUNS, () => eachConcurrently(RUNS, () => utils.addJob("bench.noop", {}).then(() => undefined)));
    row("bare graphile-worker no-op jobs, added one by one", singleMs);
    const lifecycleMs = await drain(url, { "policy.capture_snapshot": lifecycleTask }, RUNS, () =>
      // Starts arrive as separate requests would: a few at a time, each its own statement.
      eachConcurrently(RUNS, async (index) => {
        await startOperationRun(db, actor, {
          workspaceId,
          environmentId,
          type: "policy.capture_snapshot",
          targetKey: `bench:${round}:${index}`,
          capability: "backup.run",
          context: { objectType: "deviceConfigurations", providerId: `bench-${round}-${index}` },
        });
      }),
    );
    // Every timed run must have ended, each by its reconciliation verdict.
    const ended = await db.operationRun.groupBy({
      by: ["outcome", "failureReasonCode"],
      where: { type: "policy.capture_snapshot", status: "completed", targetKey: { startsWith: `bench:${round}:` } },
      _count: true,
    });
    const outcomes = ended.map((group) => `${group._count} ${group.outcome} (${group.failureReasonCode ?? "no failure"})`).join(", ");
    row("runs started, claimed, completed, reconciled", lifecycleMs, `; ${outcomes}`);
    ratios.push({ single: singleMs / lifecycleMs, batch: batchMs / lifecycleMs });
  }
  await utils.release();
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const listed = (values: number[]) => values.map((value) => value.toFixed(2)).join(", ");
  const single = ratios.map((ratio) => ratio.single);
  const batch = ratios.map((ratio) => ratio.batch);
  console.log(
    `  lifecycle / bare added one by one: ${median([...single]).toFixed(2)}x median of rounds (${listed(single)}; target at least 0.3x)`,
  );
  console.log(`  lifecycle / bare added in one batch: ${median([...batch]).toFixed(2)}x median of rounds (${listed(batch)})`);
} finally {
  await close();
}
