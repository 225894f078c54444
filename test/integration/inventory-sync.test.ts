import { startWorker, type RunningWorker } from "@atlas/worker";
import { type GraphSim, startGraphSim } from "@atlas/graph-sim";
import { storedReconciliation } from "@atlas/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  TEST_SECRET_BOX,
  type TestDatabase,
  createTestDatabase,
  seedDemoAgainst,
  startSync,
  tenantId,
  waitForCompletion,
} from "../kit/index.ts";

let t: TestDatabase;
let sim: GraphSim;
let worker: RunningWorker;
let fixture: Awaited<ReturnType<typeof seedDemoAgainst>>;

beforeAll(async () => {
  t = await createTestDatabase();
  sim = await startGraphSim({ port: 0, timeScale: 0.05 });
  fixture = await seedDemoAgainst(t.db, sim);
  worker = await startWorker({
    connectionString: t.url,
    box: TEST_SECRET_BOX,
    heartbeatMs: 500,
    graph: { timeScale: 0.05 },
    log: () => {},
  });
});
afterAll(async () => {
  await worker?.stop();
  await sim?.close();
  await t?.drop();
});

const demo = () => fixture.demo.demo!;

describe("inventory.sync", () => {
  it("syncs Fabrikam completely and its adapter proves it", async () => {
    const environmentId = demo().environments.Fabrikam!;
    const { run } = await startSync(t.db, fixture.operator, demo().workspaceId, environmentId);
    const done = await waitForCompletion(t.db, run.id);
    expect(done.outcome).toBe("succeeded");
    const counts = done.summaryCounts as Record<string, number>;
    expect(counts.total).toBe(sim.objectCount(tenantId("Fabrikam")));
    for (const [type, count] of Object.entries(sim.objectCountsByType(tenantId("Fabrikam")))) expect(counts[type]).toBe(count);
    const big = await t.db.inventoryItem.findFirstOrThrow({
      where: { managedEnvironmentId: environmentId, settingsCount: 320 },
      include: { _count: { select: { settings: true } } },
    });
    expect(big._count.settings).toBe(320);
    expect(storedReconciliation(done.context)?.latest.decision).toBe("reconciled");
    const events = await t.db.operationRunEvent.findMany({ where: { runId: run.id, kind: "transition" }, orderBy: { id: "asc" } });
    expect(events.map((event) => event.toStatus)).toEqual(["queued", "running", "completed"]);
    const stored = await t.db.inventoryItem.count({ where: { managedEnvironmentId: environmentId } });
    expect(stored).toBe(sim.objectCount(tenantId("Fabrikam")));
  });

  it("completes with correct counts under a 429 storm and waits Retry-After each time", async () => {
    const tenant = tenantId("Contoso");
    sim.clearHistory();
    sim.injectFault({ kind: "throttleStorm", tenantId: tenant, count: 6, retryAfterSeconds: 0.3 });
    const { run } = await startSync(t.db, fixture.operator, demo().workspaceId, demo().environments.Contoso!);
    const done = await waitForCompletion(t.db, run.id);
    sim.clearFaults();
    expect(done.outcome).toBe("succeeded");
    expect((done.summaryCounts as Record<string, number>).total).toBe(sim.objectCount(tenant));
    const history = sim.history({ tenantId: tenant }).filter((entry) => !entry.batchItemOf);
    const throttled = history.filter((entry) => entry.status === 429);
    expect(throttled.length).toBe(6);
    for (const answer of throttled) {
      const next = history.find((entry) => entry.at > answer.at && entry.clientId === answer.clientId);
      expect(next, "a request followed the 429").toBeDefined();
      expect(next!.at - answer.at).toBeGreaterThanOrEqual((answer.retryAfterSeconds ?? 0) * 1000);
    }
  });

  it("marks objects that disappeared from the tenant on the next sync", async () => {
    const environmentId = demo().environments.Northwind!;
    const first = await startSync(t.db, fixture.operator, demo().workspaceId, environmentId);
    await waitForCompletion(t.db, first.run.id);
    const stale = await t.db.inventoryItem.create({
      data: {
        workspaceId: demo().workspaceId,
        managedEnvironmentId: environmentId,
        objectType: "deviceConfigurations",
        providerId: "gone-object",
        displayName: "Deleted in the portal",
        lastObservedAt: new Date(0),
      },
    });
    const second = await startSync(t.db, fixture.operator, demo().workspaceId, environmentId);
    expect((await waitForCompletion(t.db, second.run.id)).outcome).toBe("succeeded");
    const after = await t.db.inventoryItem.findUniqueOrThrow({ where: { id: stale.id } });
    expect(after.disappearedAt).not.toBeNull();
  });
});
