import {
  type Actor,
  loadBackupSetExport,
  loadUserActor,
  policyVersionDiff,
  renderBackupSetMarkdown,
  setBackupSchedule,
  startBackup,
  storedReconciliation,
} from "@atlas/core";
import { type GraphSim, startGraphSim } from "@atlas/graph-sim";
import { type RunningWorker, startWorker } from "@atlas/worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  TEST_SECRET_BOX,
  type TestDatabase,
  createTestDatabase,
  eventually,
  seedDemoAgainst,
  tenantId,
  waitForCompletion,
} from "../kit/index.ts";

let t: TestDatabase;
let sim: GraphSim;
let worker: RunningWorker;
let operator: Actor;
let owner: Actor;
let environments: Record<string, string>;

beforeAll(async () => {
  t = await createTestDatabase();
  sim = await startGraphSim({ port: 0, timeScale: 0.05 });
  const fixture = await seedDemoAgainst(t.db, sim);
  operator = fixture.operator;
  environments = fixture.demo.demo!.environments;
  const ownerUser = await t.db.user.findUniqueOrThrow({ where: { email: "owner@demo.test" } });
  owner = (await loadUserActor(t.db, ownerUser.id))!;
  worker = await startWorker({
    connectionString: t.url,
    box: TEST_SECRET_BOX,
    heartbeatMs: 500,
    scheduleTickMs: 300,
    graph: { timeScale: 0.05 },
    log: () => {},
  });
});
afterAll(async () => {
  await worker?.stop();
  await sim?.close();
  await t?.drop();
});

async function backup(environment: string) {
  const { run } = await startBackup(t.db, operator, { environmentId: environments[environment]! });
  const done = await waitForCompletion(t.db, run.id, 90_000);
  const setId = (done.context as { backupSetId: string }).backupSetId;
  return { run: done, set: await t.db.backupSet.findUniqueOrThrow({ where: { id: setId } }) };
}

describe("backup.capture", () => {
  it("captures every object of every type of Fabrikam with assignments and all 320 settings, proven SUCCEEDED", async () => {
    const { run, set } = await backup("Fabrikam");
    expect(run.outcome).toBe("succeeded");
    expect(storedReconciliation(run.context)?.latest.decision).toBe("reconciled");
    const expected = sim.objectCountsByType(tenantId("Fabrikam"));
    const items = await t.db.backupItem.groupBy({ by: ["objectType"], where: { backupSetId: set.id }, _count: { _all: true } });
    expect(Object.fromEntries(items.map((row) => [row.objectType, row._count._all]))).toEqual(expected);
    const baseline = await t.db.backupItem.findFirstOrThrow({
      where: { backupSetId: set.id, displayName: { contains: "320 settings" } },
      include: { policyVersion: true },
    });
    const raw = baseline.policyVersion.rawPayload as { settings: unknown[]; assignments: unknown[] };
    expect(raw.settings).toHaveLength(320);
    expect(Array.isArray(raw.assignments)).toBe(true);
    expect(set.status).toBe("completed");
    expect(set.hasGaps).toBe(false);
  });

  it("adds no policy versions when backing up an unchanged tenant again", async () => {
    const before = await t.db.policyVersion.count({ where: { managedEnvironmentId: environments.Fabrikam! } });
    const { run, set } = await backup("Fabrikam");
    expect(run.outcome).toBe("succeeded");
    expect(await t.db.policyVersion.count({ where: { managedEnvironmentId: environments.Fabrikam! } })).toBe(before);
    expect(set.itemCount).toBe(sim.objectCount(tenantId("Fabrikam")));
  });

  it("makes one new version after a drift and the diff shows exactly that setting", async () => {
    const first = await backup("Contoso");
    const item = await t.db.backupItem.findFirstOrThrow({
      where: { backupSetId: first.set.id, objectType: "deviceConfigurations" },
      include: { policyVersion: true },
      orderBy: { displayName: "asc" },
    });
    const raw = item.policyVersion.rawPayload as Record<string, unknown>;
    const field = Object.keys(raw).find((key) => typeof raw[key] === "boolean")!;
    sim.mutate(tenantId("Contoso"), "deviceConfigurations", item.providerId, { [field]: !raw[field] });
    const versionsBefore = await t.db.policyVersion.count({ where: { managedEnvironmentId: environments.Contoso! } });
    const second = await backup("Contoso");
    expect(await t.db.policyVersion.count({ where: { managedEnvironmentId: environments.Contoso! } })).toBe(versionsBefore + 1);
    const after = await t.db.backupItem.findFirstOrThrow({ where: { backupSetId: second.set.id, providerId: item.providerId } });
    const diff = await policyVersionDiff(t.db, operator, item.policyVersionId, after.policyVersionId);
    expect(diff.changes).toEqual([{ kind: "changed", path: field, before: raw[field], after: !raw[field] }]);
  });

  it("exports every captured object and setting", async () => {
    const { set } = await backup("Northwind");
    const { set: loaded, objects } = await loadBackupSetExport(t.db, operator, set.id);
    const markdown = renderBackupSetMarkdown(loaded, objects);
    expect(markdown.match(/^### /gm)).toHaveLength(set.itemCount);
    const settingLines = objects.reduce((sum, object) => sum + object.settings.length, 0);
    const versions = await t.db.backupItem.findMany({ where: { backupSetId: set.id }, include: { policyVersion: true } });
    const storedSettings = versions.reduce((sum, item) => {
      const raw = item.policyVersion.rawPayload as Record<string, unknown>;
      return (
        sum +
        ["settings", "definitionValues", "scheduledActionsForRule", "localizedNotificationMessages"].reduce(
          (n, key) => n + (Array.isArray(raw[key]) ? (raw[key] as unknown[]).length : 0),
          0,
        )
      );
    }, 0);
    expect(settingLines).toBe(storedSettings);
    expect((markdown.match(/^\| (?!Setting \||Property \||---)/gm) ?? []).length).toBeGreaterThanOrEqual(settingLines);
  });

  it("records a dropped settings page as a proof gap naming the policy, never as success", async () => {
    sim.injectFault({ kind: "dropPage", tenantId: tenantId("Fabrikam"), pathContains: "/settings", page: 3 });
    const { run, set } = await backup("Fabrikam");
    sim.clearFaults();
    expect(run.outcome).not.toBe("succeeded");
    const gaps = storedReconciliation(run.context)?.latest.proofGaps ?? [];
    expect(gaps.some((gap) => /settings/i.test(gap.message) && /"[^"]+"/.test(gap.message))).toBe(true);
    expect(set.hasGaps).toBe(true);
  });

  it("fires a scheduled backup through the worker and applies retention within its rule", async () => {
    const environmentId = environments.Northwind!;
    await setBackupSchedule(t.db, owner, { environmentId, enabled: true, cronExpression: "* * * * *", retentionKeepLast: 1 });
    // Due now. The worker registered its every-minute crontab; rather than wait for a minute
    // boundary, enqueue exactly the job that crontab enqueues and let the worker run it.
    await t.db.backupSchedule.update({ where: { managedEnvironmentId: environmentId }, data: { nextRunAt: new Date(Date.now() - 1000) } });
    const crontabs = await t.db.$queryRawUnsafe<{ identifier: string }[]>("select identifier from graphile_worker._private_known_crontabs");
    expect(crontabs.map((row) => row.identifier)).toContain("backup-schedule-tick");
    await t.db.$executeRawUnsafe("select graphile_worker.add_job('backup.schedule_tick', '{}'::json, job_key := 'backup-schedule-tick')");
    const scheduled = await eventually(
      () => t.db.backupSet.findFirst({ where: { managedEnvironmentId: environmentId, trigger: "schedule", status: "completed" } }),
      { timeout: 60_000, what: "a completed scheduled backup set" },
    );
    const run = await waitForCompletion(t.db, scheduled.operationRunId!);
    expect(run.outcome).toBe("succeeded");
    // Retention runs right after the run is reconciled: the older manual set goes, the new one stays.
    const remaining = await eventually(
      async () => {
        const sets = await t.db.backupSet.findMany({ where: { managedEnvironmentId: environmentId } });
        return sets.length === 1 ? sets : undefined;
      },
      { what: "retention to leave one backup set" },
    );
    expect(remaining.map((set) => set.id)).toEqual([scheduled.id]);
    expect(await t.db.auditEvent.count({ where: { action: "backup_set.retention_removed" } })).toBe(1);
    await t.db.backupSchedule.update({ where: { managedEnvironmentId: environmentId }, data: { enabled: false } });
  });
});
