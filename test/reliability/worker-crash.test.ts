import type { ChildProcess } from "node:child_process";
import { spawnWorker, stopProcess } from "@atlas/cli/processes";
import { type GraphSim, startGraphSim } from "@atlas/graph-sim";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  TEST_SECRET_KEY_BASE64,
  type TestDatabase,
  createTestDatabase,
  seedDemoAgainst,
  startSync,
  eventually,
  tenantId,
  waitForCompletion,
} from "../kit/index.ts";

const SWEEP_INTERVAL_MS = 1000;
const HEARTBEAT_STALE_MS = 2500;

let t: TestDatabase;
let sim: GraphSim;
const workers: ChildProcess[] = [];

function worker(): ChildProcess {
  const child = spawnWorker(t.url, {
    quiet: true,
    timeScale: 0.05,
    workerEnv: {
      ATLAS_SECRET_KEY: TEST_SECRET_KEY_BASE64,
      ATLAS_HEARTBEAT_MS: "300",
      ATLAS_HEARTBEAT_STALE_MS: String(HEARTBEAT_STALE_MS),
      ATLAS_SWEEP_INTERVAL_MS: String(SWEEP_INTERVAL_MS),
    },
  });
  workers.push(child);
  return child;
}

beforeAll(async () => {
  t = await createTestDatabase();
  sim = await startGraphSim({ port: 0, timeScale: 0.05 });
});
afterAll(async () => {
  for (const child of workers) await stopProcess(child);
  await sim?.close();
  await t?.drop();
});

// The test's timeout only bounds its waits (process spawns, the run at a loaded machine's pace).
it("resumes a sync whose worker was SIGKILLed and loses or doubles no inventory row", async () => {
  const { demo, operator } = await seedDemoAgainst(t.db, sim);
  const tenant = tenantId("Fabrikam");
  // Slow every provider answer so the kill lands mid-sync.
  sim.injectFault({ kind: "latency", tenantId: tenant, ms: 120, count: 100_000 });
  const { run } = await startSync(t.db, operator, demo.demo!.workspaceId, demo.demo!.environments.Fabrikam!);
  const first = worker();
  await eventually(
    async () => {
      const current = await t.db.operationRun.findUniqueOrThrow({ where: { id: run.id } });
      if (current.status === "completed") throw new Error("the sync completed before the kill could land mid-sync");
      return current.status === "running" && (await t.db.inventoryItem.count({ where: { lastSeenRunId: run.id } })) > 0;
    },
    { timeout: 150_000, interval: 50, what: "the sync to be running with rows written" },
  );
  first.kill("SIGKILL");
  sim.clearFaults();
  worker();
  // Spawning the second worker took most of a minute with the load average at 20.
  const done = await waitForCompletion(t.db, run.id, 150_000);
  expect(done.outcome).toBe("succeeded");
  // Order by the run's own events, not the wall clock (how soon the loss is noticed depends on how
  // fast a loaded machine spawns the second worker): the loss is recorded, then the run resumes.
  const reasons = (await t.db.operationRunEvent.findMany({ where: { runId: run.id }, orderBy: { id: "asc" } })).map(
    (event) => event.reasonCode,
  );
  expect(reasons).toContain("worker_lost");
  expect(reasons.indexOf("worker_lost")).toBeLessThan(reasons.lastIndexOf("resumed"));
  const total = sim.objectCount(tenant);
  expect((done.summaryCounts as Record<string, number>).total).toBe(total);
  expect(await t.db.inventoryItem.count({ where: { managedEnvironmentId: demo.demo!.environments.Fabrikam! } })).toBe(total);
  expect(await t.db.inventoryItem.count({ where: { lastSeenRunId: run.id } })).toBe(total);
}, 400_000);
