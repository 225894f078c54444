import {
  backupCaptureAdapter,
  loadBackupSetExport,
  ValidationError,
  policyVersionDiff,
  previewRetention,
  renderBackupSetMarkdown,
  setBackupSchedule,
  startBackup,
  storedReconciliation,
} from "@atlas/core";
import { describe, expect, it } from "vitest";
import { eventually, tenantId, waitForCompletion } from "../kit/index.ts";
import { useRestoreStack } from "../kit/restore-stack.ts";

const stack = useRestoreStack({ workerOptions: { scheduleTickMs: 300 } });

async function backup(environment: string) {
  const { run } = await startBackup(stack.db, stack.operator, { environmentId: stack.environments[environment]! });
  const done = await waitForCompletion(stack.db, run.id, 90_000);
  const setId = (done.context as { backupSetId: string }).backupSetId;
  return { run: done, set: await stack.db.backupSet.findUniqueOrThrow({ where: { id: setId } }) };
}

describe("backup.capture", () => {
  it("captures every object of every type of Fabrikam with assignments and all 320 settings, proven SUCCEEDED", async () => {
    const { run, set } = await backup("Fabrikam");
    expect(run.outcome).toBe("succeeded");
    expect(storedReconciliation(run.context)?.latest.decision).toBe("reconciled");
    const expected = stack.sim.objectCountsByType(tenantId("Fabrikam"));
    const items = await stack.db.backupItem.groupBy({ by: ["objectType"], where: { backupSetId: set.id }, _count: { _all: true } });
    expect(Object.fromEntries(items.map((row) => [row.objectType, row._count._all]))).toEqual(expected);
    const baseline = await stack.db.backupItem.findFirstOrThrow({
      where: { backupSetId: set.id, displayName: { contains: "320 settings" } },
      include: { policyVersion: true },
    });
    const raw = baseline.policyVersion.rawPayload as { settings: unknown[]; assignments: unknown[] };
    expect(raw.settings).toHaveLength(320);
    expect(Array.isArray(raw.assignments)).toBe(true);
    expect(set.status).toBe("completed");
    expect(set.hasGaps).toBe(false);

    // Its timeline holds a step per type read, between being claimed and finishing, with the count
    // the backup holds: what someone watching the run saw move.
    const events = await stack.db.operationRunEvent.findMany({ where: { runId: run.id }, orderBy: { id: "asc" } });
    const steps = events.filter((event) => event.kind === "step");
    expect(
      Object.fromEntries(steps.map((step) => [(step.params as { type: string }).type, (step.params as { count: number }).count])),
    ).toEqual(expected);
    expect(steps.find((step) => (step.params as { type: string }).type === "deviceConfigurations")).toMatchObject({
      reasonCode: "type_read",
      message: `Device configuration profile: ${expected.deviceConfigurations} read.`,
    });
    const kinds = events.map((event) => (event.kind === "step" ? "step" : event.toStatus));
    expect(kinds.indexOf("running")).toBeLessThan(kinds.indexOf("step"));
    expect(kinds.lastIndexOf("step")).toBeLessThan(kinds.indexOf("completed"));
  });

  it("adds no policy versions when backing up an unchanged tenant again", async () => {
    const before = await stack.db.policyVersion.count({ where: { managedEnvironmentId: stack.environments.Fabrikam! } });
    const { run, set } = await backup("Fabrikam");
    expect(run.outcome).toBe("succeeded");
    expect(await stack.db.policyVersion.count({ where: { managedEnvironmentId: stack.environments.Fabrikam! } })).toBe(before);
    expect(set.itemCount).toBe(stack.sim.objectCount(tenantId("Fabrikam")));
  });

  it("makes one new version after a drift and the diff shows exactly that setting", async () => {
    const first = await backup("Contoso");
    const item = await stack.db.backupItem.findFirstOrThrow({
      where: { backupSetId: first.set.id, objectType: "deviceConfigurations" },
      include: { policyVersion: true },
      orderBy: { displayName: "asc" },
    });
    const raw = item.policyVersion.rawPayload as Record<string, unknown>;
    const field = Object.keys(raw).find((key) => typeof raw[key] === "boolean")!;
    stack.sim.mutate(tenantId("Contoso"), "deviceConfigurations", item.providerId, { [field]: !raw[field] });
    const versionsBefore = await stack.db.policyVersion.count({ where: { managedEnvironmentId: stack.environments.Contoso! } });
    const second = await backup("Contoso");
    expect(await stack.db.policyVersion.count({ where: { managedEnvironmentId: stack.environments.Contoso! } })).toBe(versionsBefore + 1);
    const after = await stack.db.backupItem.findFirstOrThrow({ where: { backupSetId: second.set.id, providerId: item.providerId } });
    const diff = await policyVersionDiff(stack.db, stack.operator, item.policyVersionId, after.policyVersionId);
    expect(diff.changes).toEqual([{ kind: "changed", path: field, before: raw[field], after: !raw[field] }]);
  });

  it("exports every captured object and setting", async () => {
    const { set } = await backup("Northwind");
    const { set: loaded, objects } = await loadBackupSetExport(stack.db, stack.operator, set.id);
    const markdown = renderBackupSetMarkdown(loaded, objects);
    expect(markdown.match(/^### /gm)).toHaveLength(set.itemCount);
    const settingLines = objects.reduce((sum, object) => sum + object.settings.length, 0);
    const versions = await stack.db.backupItem.findMany({ where: { backupSetId: set.id }, include: { policyVersion: true } });
    const storedSettings = versions.reduce((sum, item) => {
      const raw = item.policyVersion.rawPayload as Record<string, unknown>;
      return (
        sum +
        ["settings", "definitionValues", "scheduledActionsForRule", "localizedNotificationMessages", "apps", "customSettings"].reduce(
          (n, key) => n + (Array.isArray(raw[key]) ? (raw[key] as unknown[]).length : 0),
          0,
        )
      );
    }, 0);
    expect(settingLines).toBe(storedSettings);
    expect((markdown.match(/^\| (?!Setting \||Property \||---)/gm) ?? []).length).toBeGreaterThanOrEqual(settingLines);
  });

  it("records a dropped settings page as a proof gap naming the policy, never as success", async () => {
    stack.sim.injectFault({ kind: "dropPage", tenantId: tenantId("Fabrikam"), pathContains: "/settings", page: 3 });
    const { run, set } = await backup("Fabrikam");
    stack.sim.clearFaults();
    expect(run.outcome).not.toBe("succeeded");
    const gaps = storedReconciliation(run.context)?.latest.proofGaps ?? [];
    expect(gaps.some((gap) => /settings/i.test(gap.message) && /"[^"]+"/.test(gap.message))).toBe(true);
    expect(set.hasGaps).toBe(true);
    // The provider's settings total is kept with the item, and the adapter counts the stored settings
    // itself: erasing what the job noted changes nothing.
    expect(gaps).toContainEqual(expect.objectContaining({ code: "SETTINGS_COUNT_NOT_MET" }));
    await stack.db.backupItem.updateMany({ where: { backupSetId: set.id }, data: { gaps: [] } });
    const verdict = await backupCaptureAdapter.reconcile(stack.db, run);
    expect(verdict.outcome).not.toBe("succeeded");
    expect(verdict.proofGaps).toContainEqual(expect.objectContaining({ code: "SETTINGS_COUNT_NOT_MET" }));
  });

  it("a dropped only page of a type is a gap against the provider's @odata.count, never SUCCEEDED", async () => {
    stack.sim.injectFault({ kind: "dropPage", tenantId: tenantId("Fabrikam"), pathContains: "deviceHealthScripts", page: 1 });
    const { run, set } = await backup("Fabrikam");
    stack.sim.clearFaults();
    const scripts = stack.sim.objectCountsByType(tenantId("Fabrikam")).deviceHealthScripts;
    expect(run.outcome).toBe("partially_succeeded");
    expect(set.hasGaps).toBe(true);
    expect((set.completeness as Record<string, { providerTotal: number; captured: number }>).deviceHealthScripts).toMatchObject({
      providerTotal: scripts,
      captured: 0,
    });
    const gaps = storedReconciliation(run.context)?.latest.proofGaps ?? [];
    // The gap carries its values, so the SPA can word it in German as well.
    expect(gaps).toContainEqual(
      expect.objectContaining({
        code: "PROVIDER_COUNT_NOT_MET",
        params: { type: "deviceHealthScripts", reported: scripts, observed: 0 },
      }),
    );
  });

  it("without a provider total, a type that had objects in the last good backup and comes back empty is a gap", async () => {
    // The last good backup of Fabrikam (the first test) holds the six scripts; this listing has no total.
    stack.sim.injectFault({ kind: "ignoreCount", tenantId: tenantId("Fabrikam"), pathContains: "deviceHealthScripts" });
    stack.sim.injectFault({ kind: "dropPage", tenantId: tenantId("Fabrikam"), pathContains: "deviceHealthScripts", page: 1 });
    const { run, set } = await backup("Fabrikam");
    stack.sim.clearFaults();
    expect(run.outcome).toBe("partially_succeeded");
    expect(set.hasGaps).toBe(true);
    const gaps = storedReconciliation(run.context)?.latest.proofGaps ?? [];
    expect(gaps).toContainEqual(expect.objectContaining({ code: "PREVIOUS_OBJECTS_UNCONFIRMED" }));
  });

  it("refuses a schedule that fires more often than hourly or keeps 0, with field paths, and stores nothing", async () => {
    const environmentId = stack.environments.Northwind!;
    const refused = async (input: Partial<Parameters<typeof setBackupSchedule>[2]>) => {
      const error = await setBackupSchedule(stack.db, stack.owner, {
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
    expect(await stack.db.backupSchedule.findUnique({ where: { managedEnvironmentId: environmentId } })).toBeNull();
  });

  it("retention deletes only the schedule's own backups, shows the count first, audits and notifies each deletion", async () => {
    const environmentId = stack.environments.Northwind!;
    const manual = await stack.db.backupSet.findMany({ where: { managedEnvironmentId: environmentId, trigger: "manual" } });
    expect(manual.length).toBeGreaterThan(0);
    const workspaceId = manual[0]!.workspaceId;
    const day = 86_400_000;
    const older = await Promise.all(
      [2, 3].map((daysAgo) =>
        stack.db.backupSet.create({
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
    expect((await previewRetention(stack.db, stack.owner, rule)).map((set) => set.id)).toEqual([older[1]!.id]);
    expect((await previewRetention(stack.db, stack.owner, { ...rule, retentionIncludesManual: true })).length).toBeGreaterThan(1);
    await setBackupSchedule(stack.db, stack.owner, rule);

    // Due now. The worker registered its every-minute crontab; rather than wait for a minute
    // boundary, enqueue exactly the job that crontab enqueues and let the worker run it.
    await stack.db.backupSchedule.update({
      where: { managedEnvironmentId: environmentId },
      data: { nextRunAt: new Date(Date.now() - 1000) },
    });
    const crontabs = await stack.db.$queryRawUnsafe<{ identifier: string }[]>(
      "select identifier from graphile_worker._private_known_crontabs",
    );
    expect(crontabs.map((row) => row.identifier)).toContain("backup-schedule-tick");
    await stack.db.$executeRawUnsafe(
      "select graphile_worker.add_job('backup.schedule_tick', '{}'::json, job_key := 'backup-schedule-tick')",
    );
    const scheduled = await eventually(
      () =>
        stack.db.backupSet.findFirst({
          where: { managedEnvironmentId: environmentId, trigger: "schedule", status: "completed", operationRunId: { not: null } },
        }),
      { timeout: 60_000, what: "a completed scheduled backup set" },
    );
    const run = await waitForCompletion(stack.db, scheduled.operationRunId!);
    expect(run.outcome).toBe("succeeded");
    // Retention runs right after the run is reconciled: both older scheduled sets go, every manual set stays.
    const removedIds = older.map((set) => set.id);
    await eventually(async () => (await stack.db.backupSet.count({ where: { id: { in: removedIds } } })) === 0, {
      what: "retention to remove the older scheduled sets",
    });
    const remaining = await stack.db.backupSet.findMany({ where: { managedEnvironmentId: environmentId } });
    expect(remaining.map((set) => set.id).sort()).toEqual([scheduled.id, ...manual.map((set) => set.id)].sort());
    const audits = await stack.db.auditEvent.findMany({ where: { action: "backup_set.retention_removed" } });
    expect(audits.map((event) => event.targetId).sort()).toEqual([...removedIds].sort());
    const notices = await stack.db.notification.findMany({ where: { kind: "backup_set.retention_removed" } });
    expect(notices.length).toBeGreaterThan(0);
    expect(notices.every((notice) => notice.body.includes("Scheduled 2 days ago") && notice.body.includes("Scheduled 3 days ago"))).toBe(
      true,
    );
    await stack.db.backupSchedule.update({ where: { managedEnvironmentId: environmentId }, data: { enabled: false } });
  });
});
