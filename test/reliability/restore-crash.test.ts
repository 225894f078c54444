import type { ChildProcess } from "node:child_process";
import { spawnWorker, stopProcess } from "@atlas/cli/processes";
import { type Actor, confirmRestoreRun, loadUserActor } from "@atlas/core";
import { DEMO_TENANTS, type GraphSim, startGraphSim } from "@atlas/graph-sim";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  TEST_SECRET_KEY_BASE64,
  type TestDatabase,
  createTestDatabase,
  eventually,
  seedDemoAgainst,
  waitForCompletion,
} from "../kit/index.ts";
import { backupOf, createsByName, restoreThroughWizard } from "../kit/restore-fixture.ts";

let t: TestDatabase;
let sim: GraphSim;
const workers: ChildProcess[] = [];
const northwind = DEMO_TENANTS.find((tenant) => tenant.name === "Northwind")!.tenantId;

function worker(): ChildProcess {
  const child = spawnWorker(t.url, {
    quiet: true,
    timeScale: 0.05,
    workerEnv: {
      ATLAS_SECRET_KEY: TEST_SECRET_KEY_BASE64,
      ATLAS_HEARTBEAT_MS: "300",
      ATLAS_HEARTBEAT_STALE_MS: "2500",
      ATLAS_SWEEP_INTERVAL_MS: "1000",
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
it("resumes a restore whose worker was SIGKILLed without creating any object twice", async () => {
  const { demo } = await seedDemoAgainst(t.db, sim);
  const user = await t.db.user.findUniqueOrThrow({ where: { email: "owner@demo.test" } });
  const owner = (await loadUserActor(t.db, user.id)) as Actor;
  const first = worker();
  const backupSetId = await backupOf(t.db, owner, demo.demo!.environments.Contoso!);
  const { restoreRun } = await restoreThroughWizard(t.db, owner, {
    backupSetId,
    environmentId: demo.demo!.environments.Northwind!,
    confirm: false,
  });
  // Slow every write so the kill lands between items.
  sim.injectFault({ kind: "latency", tenantId: northwind, ms: 150, count: 100_000 });
  const { start } = await confirmRestoreRun(t.db, owner, {
    restoreRunId: restoreRun.id,
    acknowledgeImpact: true,
    typedTargetName: "Northwind",
  });
  await eventually(
    async () => (await t.db.restoreItem.count({ where: { restoreRunId: restoreRun.id, outcome: { in: ["applied", "partial"] } } })) >= 3,
    { timeout: 60_000, interval: 50, what: "three restore items to be applied" },
  );
  first.kill("SIGKILL");
  sim.clearFaults();
  worker();
  const done = await waitForCompletion(t.db, start.run.id, 120_000);
  expect(["partially_succeeded", "succeeded"]).toContain(done.outcome);
  const events = await t.db.operationRunEvent.findMany({ where: { runId: start.run.id } });
  expect(events.some((event) => event.reasonCode === "resumed")).toBe(true);
  const pending = await t.db.restoreItem.count({ where: { restoreRunId: restoreRun.id, outcome: "pending" } });
  expect(pending).toBe(0);
  expect([...createsByName(sim, northwind).entries()].filter(([, count]) => count > 1)).toEqual([]);
}, 400_000);
