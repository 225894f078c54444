import {
  type Actor,
  backupCaptureAdapter,
  loadBackupSetExport,
  loadUserActor,
  ValidationError,
  policyVersionDiff,
  previewRetention,
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
    // The provider's settings total is kept with the item, and the adapter counts the stored settings
    // itself: erasing what the job noted changes nothing.
    expect(gaps).toContainEqual(expect.objectContaining({ code: "SETTINGS_COUNT_NOT_MET" }));
    await t.db.backupItem.updateMany({ where: { backupSetId: set.id }, data: { gaps: [] } });
    const verdict = await backupCaptureAdapter.reconcile(t.db, run);
    expect(verdict.outcome).not.toBe("succeeded");
    expect(verdict.proofGaps).toContainEqual(expect.objectContaining({ code: "SETTINGS_COUNT_NOT_MET" }));
  });

  it("a dropped only page of a type is a gap against the provider's @odata.count, never SUCCEEDED", async () => {
    sim.injectFault({ kind: "dropPage", tenantId: tenantId("Fabrikam"), pathContains: "deviceHealthScripts", page: 1 });
    const { run, set } = await backup("Fabrikam");
    sim.clearFaults();
    const scripts = sim.objectCountsByType(tenantId("Fabrikam")).deviceHealthScripts;
    expect(run.outcome).toBe("partially_succeeded");
    expect(set.hasGaps).toBe(true);
    expect((set.completeness as Record<string, { providerTotal: number; captured: number }>).deviceHealthScripts).toMatchObject({
      providerTotal: scripts,
      captured: 0,
    });
    const gaps = storedReconciliation(run.context)?.latest.proofGaps ?? [];
    expect(gaps).toContainEqual(expect.objectContaining({ code: "PROVIDER_COUNT_NOT_MET" }));
  });

  it("without a provider total, a type that had objects in the last good backup and comes back empty is a gap", async () => {
    // The last good backup of Fabrikam (the first test) holds the six scripts; this listing has no total.
    sim.injectFault({ kind: "ignoreCount", tenantId: tenantId("Fabrikam"), pathContains: "deviceHealthScripts" });
    sim.injectFault({ kind: "dropPage", tenantId: tenantId("Fabrikam"), pathContains: "deviceHealthScripts", page: 1 });
    const { run, set } = await backup("Fabrikam");
    sim.clearFaults();
    expect(run.outcome).toBe("partially_succeeded");
    expect(set.hasGaps).toBe(true);
    const gaps = storedReconciliation(run.context)?.latest.proofGaps ?? [];
    expect(gaps).toContainEqual(expect.objectContaining({ code: "PREVIOUS_OBJECTS_UNCONFIRMED" }));
  });

  it("refuses a schedule that fires more often than hourly or keeps 0, with field paths, and stores nothing", async () => {
    const environmentId = environments.Northwind!;
    const refused = async (input: Partial<Parameters<typeof setBackupSchedule>[2]>) => {
      const error = await setBackupSchedule(t.db, owner, {
        environmentId,
        enabled: true,
        cronExpression: "0 * * * *",
        ...input,
      }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).fieldErrors.map((fieldError) => fieldError.path.join("."));
    };
    expect(await refused({ cronExpression: "* * * * *" })).toEqual(["cronExpression"]);
    expect(await refused({ cronExpression: "0,30 2 * * *" })).toEqual(["cronExpression"]);
    expect(await refused({ retentionKeepLast: 0 })).toEqual(["retentionKeepLast"]);
    expect(await t.db.backupSchedule.findUnique({ where: { managedEnvironmentId: environmentId } })).toBeNull();
  });

  it("retention deletes only the schedule's own backups, shows the count first, audits and notifies each deletion", async () => {
    const environmentId = environments.Northwind!;
    const manual = await t.db.backupSet.findMany({ where: { managedEnvironmentId: environmentId, trigger: "manual" } });
    expect(manual.length).toBeGreaterThan(0);
    const workspaceId = manual[0]!.workspaceId;
    const day = 86_400_000;
    const older = await Promise.all(
      [2, 3].map((daysAgo) =>
        t.db.backupSet.create({
          data: {
            workspaceId,
            managedEnvironmentId: environmentId,
            name: `Scheduled ${daysAgo} days ago`,
            trigger: "schedule",
            status: "completed",
            createdAt: new Date(Date.now() - daysAgo * day),
          },
        }),
      ),
    );
    const rule = { environmentId, enabled: true, cronExpression: "0 * * * *", retentionKeepLast: 1 };
    // Keep the last 1 of the schedule's own sets: the older of the two goes now; manual sets are not counted.
    expect((await previewRetention(t.db, owner, rule)).map((set) => set.id)).toEqual([older[1]!.id]);
    expect((await previewRetention(t.db, owner, { ...rule, retentionIncludesManual: true })).length).toBeGreaterThan(1);
    await setBackupSchedule(t.db, owner, rule);

    // Due now. The worker registered its every-minute crontab; rather than wait for a minute
    // boundary, enqueue exactly the job that crontab enqueues and let the worker run it.
    await t.db.backupSchedule.update({ where: { managedEnvironmentId: environmentId }, data: { nextRunAt: new Date(Date.now() - 1000) } });
    const crontabs = await t.db.$queryRawUnsafe<{ identifier: string }[]>("select identifier from graphile_worker._private_known_crontabs");
    expect(crontabs.map((row) => row.identifier)).toContain("backup-schedule-tick");
    await t.db.$executeRawUnsafe("select graphile_worker.add_job('backup.schedule_tick', '{}'::json, job_key := 'backup-schedule-tick')");
    const scheduled = await eventually(
      () =>
        t.db.backupSet.findFirst({
          where: { managedEnvironmentId: environmentId, trigger: "schedule", status: "completed", operationRunId: { not: null } },
        }),
      { timeout: 60_000, what: "a completed scheduled backup set" },
    );
    const run = await waitForCompletion(t.db, scheduled.operationRunId!);
    expect(run.outcome).toBe("succeeded");
    // Retention runs right after the run is reconciled: both older scheduled sets go, every manual set stays.
    const removedIds = older.map((set) => set.id);
    await eventually(async () => (await t.db.backupSet.count({ where: { id: { in: removedIds } } })) === 0, {
      what: "retention to remove the older scheduled sets",
    });
    const remaining = await t.db.backupSet.findMany({ where: { managedEnvironmentId: environmentId } });
    expect(remaining.map((set) => set.id).sort()).toEqual([scheduled.id, ...manual.map((set) => set.id)].sort());
    const audits = await t.db.auditEvent.findMany({ where: { action: "backup_set.retention_removed" } });
    expect(audits.map((event) => event.targetId).sort()).toEqual([...removedIds].sort());
    const notices = await t.db.notification.findMany({ where: { kind: "backup_set.retention_removed" } });
    expect(notices.length).toBeGreaterThan(0);
    expect(notices.every((notice) => notice.body.includes("Scheduled 2 days ago") && notice.body.includes("Scheduled 3 days ago"))).toBe(
      true,
    );
    await t.db.backupSchedule.update({ where: { managedEnvironmentId: environmentId }, data: { enabled: false } });
  });
});
