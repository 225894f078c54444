import type { ChildProcess } from "node:child_process";
import { spawnWorker, stopProcess } from "@atlas/cli/processes";
import { type GraphSim, startGraphSim } from "@atlas/graph-sim";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  TEST_SECRET_KEY_BASE64,
  type TestDatabase,
  createTestDatabase,
  eventually,
  seedDemoAgainst,
  startSync,
  tenantId,
  waitForCompletion,
} from "../kit/index.ts";

let t: TestDatabase;
let sim: GraphSim;
let worker: ChildProcess | undefined;

beforeAll(async () => {
  t = await createTestDatabase();
  sim = await startGraphSim({ port: 0, timeScale: 0.05 });
});
afterAll(async () => {
  if (worker) await stopProcess(worker);
  await sim?.close();
  await t?.drop();
});

// A loaded machine can delay a live worker's heartbeat past the stale limit: the sweep then unlocks
// its job, and the same worker may fetch that job again while it still executes the run.
it("a worker that gets its own run's job back while executing it skips it: one execution, one claim, complete data", async () => {
  const { demo, operator } = await seedDemoAgainst(t.db, sim);
  const tenant = tenantId("Fabrikam");
  sim.injectFault({ kind: "latency", tenantId: tenant, ms: 120, count: 100_000 });
  const { run } = await startSync(t.db, operator, demo.demo!.workspaceId, demo.demo!.environments.Fabrikam!);
  worker = spawnWorker(t.url, { quiet: true, timeScale: 0.05, workerEnv: { ATLAS_SECRET_KEY: TEST_SECRET_KEY_BASE64 } });
  const lockedBy = await eventually(
    async () => {
      const current = await t.db.operationRun.findUniqueOrThrow({ where: { id: run.id } });
      if (current.status === "completed") throw new Error("the sync completed before its job could be unlocked mid-sync");
      if (current.status !== "running" || (await t.db.inventoryItem.count({ where: { lastSeenRunId: run.id } })) === 0) return undefined;
      const [job] = await t.db.$queryRaw<
        { locked_by: string | null }[]
      >`select locked_by from graphile_worker.jobs where key = ${`run:${run.id}`}`;
      return job?.locked_by ?? undefined;
    },
    { timeout: 60_000, interval: 50, what: "the sync to be running with rows written" },
  );
  // What the sweep does to a worker it takes for lost; the worker is alive and fetches the job again.
  await t.db.$executeRaw`select graphile_worker.force_unlock_workers(${[lockedBy]}::text[])`;
  await eventually(
    async () =>
      (await t.db.$queryRaw<{ n: number }[]>`select count(*)::int as n from graphile_worker.jobs where key = ${`run:${run.id}`}`)[0]?.n ===
      0,
    { timeout: 60_000, what: "the worker to fetch the unlocked job and finish it" },
  );
  sim.clearFaults();
  const done = await waitForCompletion(t.db, run.id, 120_000);
  expect(done.outcome).toBe("succeeded");
  const reasons = (await t.db.operationRunEvent.findMany({ where: { runId: run.id }, orderBy: { id: "asc" } })).map(
    (event) => event.reasonCode,
  );
  expect(reasons.filter((reason) => reason === "claimed")).toHaveLength(1);
  expect(reasons).not.toContain("resumed");
  const total = sim.objectCount(tenant);
  expect((done.summaryCounts as Record<string, number>).total).toBe(total);
  expect(await t.db.inventoryItem.count({ where: { lastSeenRunId: run.id } })).toBe(total);
}, 240_000);
