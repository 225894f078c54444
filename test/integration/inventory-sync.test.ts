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

  describe("rests on the provider's own totals", () => {
    const scripts = async (environmentId: string) =>
      t.db.inventoryItem.findMany({ where: { managedEnvironmentId: environmentId, objectType: "deviceHealthScripts" } });
    const syncWith = async (environmentId: string) => {
      const { run } = await startSync(t.db, fixture.operator, demo().workspaceId, environmentId);
      return waitForCompletion(t.db, run.id);
    };

    it("a dropped only page of a type is a gap against @odata.count, and nothing is marked disappeared", async () => {
      const environmentId = demo().environments.Fabrikam!;
      expect((await syncWith(environmentId)).outcome).toBe("succeeded");
      const before = await scripts(environmentId);
      expect(before.length).toBe(sim.objectCountsByType(tenantId("Fabrikam")).deviceHealthScripts);
      sim.injectFault({ kind: "dropPage", tenantId: tenantId("Fabrikam"), pathContains: "deviceHealthScripts", page: 1 });
      const done = await syncWith(environmentId);
      sim.clearFaults();
      expect(done.outcome).not.toBe("succeeded");
      const gaps = storedReconciliation(done.context)?.latest.proofGaps ?? [];
      expect(gaps).toContainEqual(expect.objectContaining({ code: "PROVIDER_COUNT_NOT_MET" }));
      expect((await scripts(environmentId)).filter((item) => item.disappearedAt !== null)).toEqual([]);
    });

    it("without a provider total, objects missing from a short answer stay until the provider confirms them deleted", async () => {
      const environmentId = demo().environments.Fabrikam!;
      expect((await syncWith(environmentId)).outcome).toBe("succeeded");
      sim.injectFault({ kind: "ignoreCount", tenantId: tenantId("Fabrikam"), pathContains: "deviceHealthScripts" });
      sim.injectFault({ kind: "dropPage", tenantId: tenantId("Fabrikam"), pathContains: "deviceHealthScripts", page: 1 });
      const short = await syncWith(environmentId);
      sim.clearFaults();
      expect(short.outcome).not.toBe("succeeded");
      const gaps = storedReconciliation(short.context)?.latest.proofGaps ?? [];
      expect(gaps).toContainEqual(expect.objectContaining({ code: "PREVIOUS_OBJECTS_UNCONFIRMED" }));
      expect((await scripts(environmentId)).filter((item) => item.disappearedAt !== null)).toEqual([]);

      // A real deletion without a total: the provider answers 404 by id, so it is marked, and the run is proven.
      const gone = await t.db.inventoryItem.create({
        data: {
          workspaceId: demo().workspaceId,
          managedEnvironmentId: environmentId,
          objectType: "deviceHealthScripts",
          providerId: "deleted-in-the-portal",
          displayName: "Deleted in the portal",
          lastObservedAt: new Date(0),
        },
      });
      sim.injectFault({ kind: "ignoreCount", tenantId: tenantId("Fabrikam"), pathContains: "deviceHealthScripts" });
      const confirmed = await syncWith(environmentId);
      sim.clearFaults();
      expect(confirmed.outcome).toBe("succeeded");
      expect((await t.db.inventoryItem.findUniqueOrThrow({ where: { id: gone.id } })).disappearedAt).not.toBeNull();
    });
  });
});
