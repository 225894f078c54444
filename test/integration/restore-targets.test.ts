import { confirmRestoreRun, storedReconciliation } from "@atlas/core";
import { demoTenant } from "@atlas/graph-sim";
import { describe, expect, it } from "vitest";
import { eventually, waitForCompletion } from "../kit/index.ts";
import { adminClientFor, backupOf, restoreThroughWizard } from "../kit/restore-fixture.ts";
import { useRestoreStack } from "../kit/restore-stack.ts";

// Truth of a restore's targets: one target object per run, a final read-back of every target,
// and provider acceptance that is the provider's own answer to a write.

const stack = useRestoreStack();

const gapCodes = (context: unknown) => (storedReconciliation(context)?.latest.proofGaps ?? []).map((gap) => gap.code);
const itemsOf = (restoreRunId: string) => stack.db.restoreItem.findMany({ where: { restoreRunId }, orderBy: { ordinal: "asc" } });

describe("two scope items, one target", () => {
  it("preview raises a TARGET_COLLISION blocker naming both items and the target", async () => {
    const contoso = demoTenant("Contoso");
    const [first, second] = contoso.objects.deviceConfigurations as { id: string; displayName: string }[];
    // Two source objects with one name: across tenants both resolve to the same target object.
    stack.sim.mutate(contoso.tenantId, "deviceConfigurations", second!.id, { displayName: first!.displayName });
    const backupSetId = await backupOf(stack.db, stack.owner, stack.environments.Contoso!);
    const { restoreRun, preview } = await restoreThroughWizard(stack.db, stack.owner, {
      backupSetId,
      environmentId: stack.environments.Northwind!,
      objectTypes: ["deviceConfigurations"],
      confirm: false,
    });
    expect(preview.outcome).toBe("succeeded");
    const collisions = (restoreRun.checks as { code: string; severity: string; message: string }[]).filter(
      (check) => check.code === "TARGET_COLLISION",
    );
    expect(collisions).toHaveLength(1);
    expect(collisions[0]!.severity).toBe("blocker");
    // Both items (one name, two source objects) and the target they share.
    expect(collisions[0]!.message).toContain(first!.id);
    expect(collisions[0]!.message).toContain(second!.id);
    expect(collisions[0]!.message).toMatch(/same target object (named "[^"]+" \(to be created\)|\S+)/);
    await expect(
      confirmRestoreRun(stack.db, stack.owner, { restoreRunId: restoreRun.id, acknowledgeImpact: true, typedTargetName: "Northwind" }),
    ).rejects.toThrow(/Blocking safety checks/);
  });

  it("execution never writes one target twice: the second item fails TARGET_COLLISION and the proof names it", async () => {
    const fabrikam = demoTenant("Fabrikam");
    const [a, b] = fabrikam.objects.deviceManagementScripts as { id: string; displayName: string }[];
    // Two scripts with one name: in the same tenant each is found by its own id, so the preview is clean.
    stack.sim.mutate(fabrikam.tenantId, "deviceManagementScripts", b!.id, { displayName: a!.displayName });
    const backupSetId = await backupOf(stack.db, stack.owner, stack.environments.Fabrikam!);
    const { restoreRun } = await restoreThroughWizard(stack.db, stack.owner, {
      backupSetId,
      environmentId: stack.environments.Fabrikam!,
      objectTypes: ["deviceManagementScripts"],
      confirm: false,
    });
    expect((restoreRun.checks as { code: string }[]).map((check) => check.code)).not.toContain("TARGET_COLLISION");
    // After the preview an admin deletes B: found by name now, B resolves to A's object.
    const admin = adminClientFor(stack.sim, fabrikam);
    const [deleted] = await admin.batch([{ method: "DELETE", path: `/beta/deviceManagement/deviceManagementScripts/${b!.id}` }]);
    expect(deleted!.status).toBe(204);
    stack.sim.clearHistory();
    const { start } = await confirmRestoreRun(stack.db, stack.owner, {
      restoreRunId: restoreRun.id,
      acknowledgeImpact: true,
      typedTargetName: "Fabrikam",
    });
    const execution = await waitForCompletion(stack.db, start.run.id, 120_000);

    const writesToA = stack.sim
      .history({ tenantId: fabrikam.tenantId })
      .filter((entry) => entry.method === "PATCH" && entry.path.includes(a!.id) && entry.status < 300);
    expect(writesToA).toHaveLength(1);
    const outcomes = await itemsOf(restoreRun.id);
    const collided = outcomes.filter((item) => item.errorCode === "TARGET_COLLISION");
    expect(collided).toHaveLength(1);
    expect(collided[0]!.outcome).toBe("failed");
    expect(collided[0]!.errorMessage).toContain(a!.id);
    expect(execution.outcome).toBe("partially_succeeded");
    expect(gapCodes(execution.context)).toContain("TARGET_COLLISION");
  });

  it("verification re-reads every target at the end: a target changed after its early read-back is a mismatch", async () => {
    const fabrikam = demoTenant("Fabrikam");
    const backupSetId = await backupOf(stack.db, stack.owner, stack.environments.Fabrikam!);
    const { restoreRun } = await restoreThroughWizard(stack.db, stack.owner, {
      backupSetId,
      environmentId: stack.environments.Fabrikam!,
      objectTypes: ["deviceHealthScripts", "deviceManagementScripts"],
      confirm: false,
    });
    const scoped = await stack.db.restoreItem.findMany({
      where: { restoreRunId: restoreRun.id },
      include: { backupItem: true },
      orderBy: { ordinal: "asc" },
    });
    expect(scoped.length).toBeGreaterThan(9); // two batches of writes
    const early = scoped[0]!;
    const last = scoped[scoped.length - 1]!;
    // The last item is slow, so the run is still writing after the first batch is done.
    stack.sim.injectFault({ kind: "latency", tenantId: fabrikam.tenantId, pathContains: last.backupItem.providerId, ms: 3000, count: 1 });
    const { start } = await confirmRestoreRun(stack.db, stack.owner, {
      restoreRunId: restoreRun.id,
      acknowledgeImpact: true,
      typedTargetName: "Fabrikam",
    });
    await eventually(
      async () => (await stack.db.restoreItem.count({ where: { restoreRunId: restoreRun.id, outcome: { not: "pending" } } })) >= 9,
      { what: "nine items written", timeout: 60_000 },
    );
    // An admin changes the first restored object while the run is still writing others.
    stack.sim.mutate(fabrikam.tenantId, early.objectType as "deviceHealthScripts", early.backupItem.providerId, {
      description: "changed after the write",
    });
    const execution = await waitForCompletion(stack.db, start.run.id, 120_000);
    stack.sim.clearFaults();
    expect(execution.outcome).not.toBe("succeeded");
    expect(gapCodes(execution.context)).toContain("VERIFICATION_MISMATCH");
    const snapshotId = (execution.context as { finalVerificationSnapshotId?: string }).finalVerificationSnapshotId;
    const snapshot = await stack.db.evidenceSnapshot.findUniqueOrThrow({ where: { id: snapshotId! } });
    const verified = snapshot.items as { restoreItemId: string; match: boolean }[];
    expect(verified.find((entry) => entry.restoreItemId === early.id)?.match).toBe(false);
  });
});

describe("assignments-only mode", () => {
  it("takes acceptance from the provider's /assign answer and ends foundations skipped as not applicable", async () => {
    const fabrikam = demoTenant("Fabrikam");
    const backupSetId = (
      await stack.db.backupSet.findFirstOrThrow({
        where: { managedEnvironmentId: stack.environments.Fabrikam! },
        orderBy: { createdAt: "desc" },
      })
    ).id;
    stack.sim.clearHistory();
    const { restoreRun, execution } = await restoreThroughWizard(stack.db, stack.owner, {
      backupSetId,
      environmentId: stack.environments.Fabrikam!,
      objectTypes: ["roleScopeTags", "deviceManagementScripts"],
      mode: "assignments_only",
    });
    const items = await itemsOf(restoreRun.id);
    const foundations = items.filter((item) => item.isFoundation);
    expect(foundations.length).toBeGreaterThan(0);
    expect(foundations.map((item) => [item.outcome, item.errorCode])).toEqual(foundations.map(() => ["skipped", "NOT_APPLICABLE"]));
    const applied = items.filter((item) => item.outcome === "applied");
    expect(applied.length).toBeGreaterThan(0);
    const assigns = stack.sim
      .history({ tenantId: fabrikam.tenantId })
      .filter((entry) => entry.method === "POST" && entry.path.endsWith("/assign"));
    for (const item of applied) {
      const acceptance = item.providerAcceptance as { id: string; source: string; requestId: string | null };
      expect(acceptance.source).toBe("assign");
      // The acceptance names the provider's answer to this item's /assign, not a looked-up id.
      expect(assigns.some((entry) => entry.requestId === acceptance.requestId && entry.path.includes(acceptance.id))).toBe(true);
    }
    expect(execution?.outcome).toBe("succeeded");
  });

  it("a run that wrote nothing (only foundations, assignments only) does not succeed", async () => {
    const backupSetId = (
      await stack.db.backupSet.findFirstOrThrow({
        where: { managedEnvironmentId: stack.environments.Fabrikam! },
        orderBy: { createdAt: "desc" },
      })
    ).id;
    const { restoreRun, execution } = await restoreThroughWizard(stack.db, stack.owner, {
      backupSetId,
      environmentId: stack.environments.Fabrikam!,
      objectTypes: ["roleScopeTags", "assignmentFilters"],
      mode: "assignments_only",
    });
    expect((await itemsOf(restoreRun.id)).every((item) => item.outcome === "skipped")).toBe(true);
    expect(execution?.outcome).toBe("failed");
    expect(restoreRun.status).toBe("failed");
  });
});
