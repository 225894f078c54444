import {
  ValidationError,
  actorFromApiToken,
  cancelOperationRun,
  confirmRestoreRun,
  createApiToken,
  storedReconciliation,
} from "@atlas/core";
import { DEMO_TENANTS } from "@atlas/graph-sim";
import { describe, expect, it } from "vitest";
import { eventually, waitForCompletion } from "../kit/index.ts";
import { backupOf, createsByName, restoreThroughWizard } from "../kit/restore-fixture.ts";
import { useRestoreStack } from "../kit/restore-stack.ts";

const stack = useRestoreStack();
const tenant = (name: string) => DEMO_TENANTS.find((candidate) => candidate.name === name)!.tenantId;

const gapCodes = (context: unknown) => (storedReconciliation(context)?.latest.proofGaps ?? []).map((gap) => gap.code);

describe("restore", () => {
  // First in the file: Northwind must not have Contoso's scope tags yet (the next test creates them).
  it("a dry run into another tenant does not call a scope tag missing that its own plan creates", { timeout: 150_000 }, async () => {
    const backupSetId = await backupOf(stack.db, stack.owner, stack.environments.Contoso!);
    const { restoreRun, execution } = await restoreThroughWizard(stack.db, stack.owner, {
      backupSetId,
      environmentId: stack.environments.Northwind!,
      objectTypes: ["roleScopeTags", "deviceConfigurations"],
      dryRun: true,
    });
    expect(execution?.status).toBe("completed");
    const items = await stack.db.restoreItem.findMany({
      where: { restoreRunId: restoreRun.id },
      include: { backupItem: { include: { policyVersion: { select: { rawPayload: true } } } } },
    });
    const createdTags = new Set(
      items
        .filter((item) => item.objectType === "roleScopeTags" && item.previewAction === "create")
        .map((item) => item.backupItem.providerId),
    );
    expect(createdTags.size).toBeGreaterThan(0);
    // Not vacuous: some profiles carry a tag the plan creates.
    const tagsOf = (payload: unknown) => ((payload as { roleScopeTagIds?: string[] }).roleScopeTagIds ?? []).map(String);
    const tagged = items.filter(
      (item) =>
        item.objectType === "deviceConfigurations" && tagsOf(item.backupItem.policyVersion.rawPayload).some((id) => createdTags.has(id)),
    );
    expect(tagged.length).toBeGreaterThan(0);
    const unmappedTags = items.flatMap((item) =>
      ((item.unmappedReferences ?? []) as { kind: string; sourceId: string }[]).filter((reference) => reference.kind === "roleScopeTags"),
    );
    expect(unmappedTags.filter((reference) => createdTags.has(reference.sourceId))).toEqual([]);
    const checks = (restoreRun.checks ?? []) as { code: string; params?: { kind?: string } }[];
    expect(checks.filter((check) => check.code === "REFERENCE_UNMAPPED" && check.params?.kind === "roleScopeTags")).toEqual([]);
  });

  // Two full restores of Contoso (177 objects, with apps, app protection, update profiles, app configurations, scripts, roles and their assignments, reusable settings and Conditional Access): more than the default minute on a loaded machine.
  it("restores Contoso into Northwind with mapped assignments; an unmappable group makes its item partial and the run PARTIALLY_SUCCEEDED", {
    timeout: 150_000,
  }, async () => {
    const backupSetId = await backupOf(stack.db, stack.owner, stack.environments.Contoso!);
    const { restoreRun, execution } = await restoreThroughWizard(stack.db, stack.owner, {
      backupSetId,
      environmentId: stack.environments.Northwind!,
    });
    const items = await stack.db.restoreItem.findMany({ where: { restoreRunId: restoreRun.id } });
    const partial = items.filter((item) => item.outcome === "partial");
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.every((item) => item.errorCode === "REFERENCE_UNMAPPED" && (item.unmappedReferences as unknown[]).length > 0)).toBe(
      true,
    );
    expect(items.filter((item) => item.outcome === "failed")).toEqual([]);
    expect(restoreRun.status).toBe("partial");
    expect(execution?.outcome).toBe("partially_succeeded");
    expect(gapCodes(execution?.context)).toContain("ITEMS_NOT_ALL_APPLIED");
    const applied = items.filter((item) => item.outcome === "applied");
    expect(applied.every((item) => (item.providerAcceptance as { id?: string }).id)).toBe(true);

    // The same restore again: only updates or no-change, never a second object.
    const again = await restoreThroughWizard(stack.db, stack.owner, { backupSetId, environmentId: stack.environments.Northwind! });
    const actions = await stack.db.restoreItem.findMany({ where: { restoreRunId: again.restoreRun.id }, select: { previewAction: true } });
    expect(actions.filter((item) => item.previewAction === "create")).toEqual([]);
    const duplicates = [...createsByName(stack.sim, tenant("Northwind")).entries()].filter(([, count]) => count > 1);
    expect(duplicates).toEqual([]);
  });

  it("puts a drifted setting back in the same tenant and proves it: SUCCEEDED", async () => {
    const backupSetId = await backupOf(stack.db, stack.owner, stack.environments.Fabrikam!);
    const profile = await stack.db.backupItem.findFirstOrThrow({
      where: { backupSetId, objectType: "deviceConfigurations" },
      include: { policyVersion: true },
      orderBy: { displayName: "asc" },
    });
    const raw = profile.policyVersion.rawPayload as Record<string, unknown>;
    const field = Object.keys(raw).find((key) => typeof raw[key] === "boolean")!;
    stack.sim.mutate(tenant("Fabrikam"), "deviceConfigurations", profile.providerId, { [field]: !raw[field] });
    const { restoreRun, execution } = await restoreThroughWizard(stack.db, stack.owner, {
      backupSetId,
      environmentId: stack.environments.Fabrikam!,
      objectTypes: ["deviceConfigurations"],
    });
    const item = await stack.db.restoreItem.findFirstOrThrow({ where: { restoreRunId: restoreRun.id, backupItemId: profile.id } });
    expect(item.previewAction).toBe("update");
    expect(restoreRun.status).toBe("completed");
    expect(execution?.outcome).toBe("succeeded");
    expect(gapCodes(execution?.context)).toEqual([]);
    const evidence = await stack.db.evidenceSnapshot.findFirstOrThrow({ where: { operationRunId: execution!.id } });
    expect(evidence.completenessState).toBe("complete");
    const checks = restoreRun.checks as { code: string }[];
    expect(checks.map((check) => check.code)).toContain("SAME_TENANT");
  });

  it("stops a running restore before its next item when its run is cancelled", async () => {
    const backupSetId = (
      await stack.db.backupSet.findFirstOrThrow({
        where: { managedEnvironmentId: stack.environments.Contoso! },
        orderBy: { createdAt: "desc" },
      })
    ).id;
    const { restoreRun } = await restoreThroughWizard(stack.db, stack.owner, {
      backupSetId,
      environmentId: stack.environments.Northwind!,
      confirm: false,
    });
    stack.sim.injectFault({ kind: "latency", tenantId: tenant("Northwind"), ms: 100, count: 100_000 });
    const { start } = await confirmRestoreRun(stack.db, stack.owner, {
      restoreRunId: restoreRun.id,
      acknowledgeImpact: true,
      typedTargetName: "Northwind",
    });
    await eventually(
      async () => (await stack.db.restoreItem.count({ where: { restoreRunId: restoreRun.id, outcome: { not: "pending" } } })) >= 2,
      {
        what: "two items of the restore to be done",
      },
    );
    await cancelOperationRun(stack.db, stack.owner, start.run.id);
    const run = await waitForCompletion(stack.db, start.run.id);
    stack.sim.clearFaults();
    expect(run.outcome).toBe("cancelled");
    const stopped = await stack.db.restoreRun.findUniqueOrThrow({ where: { id: restoreRun.id } });
    expect(stopped.status).toBe("cancelled");
    expect(await stack.db.restoreItem.count({ where: { restoreRunId: restoreRun.id, outcome: "pending" } })).toBeGreaterThan(0);
  });

  it("refuses to confirm with a blocker or a wrong tenant name, and enqueues nothing", async () => {
    const backupSetId = (await stack.db.backupSet.findFirstOrThrow({ where: { managedEnvironmentId: stack.environments.Contoso! } })).id;
    const { restoreRun } = await restoreThroughWizard(stack.db, stack.owner, {
      backupSetId,
      environmentId: stack.environments.Northwind!,
      objectTypes: ["intents"],
      confirm: false,
    });
    const checks = restoreRun.checks as { code: string; severity: string }[];
    expect(
      checks.some((check) => check.code === "PREVIEW_ONLY_TYPE" && check.severity === "blocker"),
      JSON.stringify(checks),
    ).toBe(true);
    const jobs = async () =>
      Number(
        (
          await stack.db.$queryRawUnsafe<{ n: bigint }[]>(
            "select count(*) as n from graphile_worker.jobs where task_identifier = 'restore.execute'",
          )
        )[0]!.n,
      );
    const before = await jobs();
    await expect(
      confirmRestoreRun(stack.db, stack.owner, { restoreRunId: restoreRun.id, acknowledgeImpact: true, typedTargetName: "Northwind" }),
    ).rejects.toBeInstanceOf(ValidationError);
    const clean = await restoreThroughWizard(stack.db, stack.owner, {
      backupSetId,
      environmentId: stack.environments.Northwind!,
      objectTypes: ["roleScopeTags"],
      confirm: false,
    });
    await expect(
      confirmRestoreRun(stack.db, stack.owner, {
        restoreRunId: clean.restoreRun.id,
        acknowledgeImpact: true,
        typedTargetName: "northwind",
      }),
    ).rejects.toThrow(/not confirmed/);
    expect(await jobs()).toBe(before);
    expect((await stack.db.restoreRun.findUniqueOrThrow({ where: { id: clean.restoreRun.id } })).operationRunId).toBeNull();
  });

  it("ends a finished dry run DRY_RUN_COMPLETED, so it never reads as an applied restore", async () => {
    const backupSetId = (await stack.db.backupSet.findFirstOrThrow({ where: { managedEnvironmentId: stack.environments.Fabrikam! } })).id;
    const { restoreRun, execution } = await restoreThroughWizard(stack.db, stack.owner, {
      backupSetId,
      environmentId: stack.environments.Fabrikam!,
      objectTypes: ["deviceConfigurations"],
      dryRun: true,
    });
    expect([restoreRun.status, execution?.outcome]).toEqual(["dry_run_completed", "blocked"]);
    expect(await stack.db.restoreRun.count({ where: { id: restoreRun.id, status: "completed" } })).toBe(0);
  });

  it("audits a restore confirmed with an API token as that token, by id and name, and proves it", async () => {
    const backupSetId = (await stack.db.backupSet.findFirstOrThrow({ where: { managedEnvironmentId: stack.environments.Fabrikam! } })).id;
    const workspaceId = (await stack.db.managedEnvironment.findUniqueOrThrow({ where: { id: stack.environments.Fabrikam! } })).workspaceId;
    const token = await createApiToken(stack.db, { workspaceId, name: "Partner RMM", role: "manager" });
    const partner = (await actorFromApiToken(stack.db, token.token))!;
    const { restoreRun, execution } = await restoreThroughWizard(stack.db, partner, {
      backupSetId,
      environmentId: stack.environments.Fabrikam!,
      objectTypes: ["deviceConfigurations"],
    });
    const audit = await stack.db.auditEvent.findFirstOrThrow({ where: { action: "restore_run.executed", targetId: restoreRun.id } });
    expect([audit.actorType, audit.actorId, (audit.metadata as { actorName?: string }).actorName]).toEqual([
      "token",
      token.id,
      "Partner RMM",
    ]);
    expect(execution?.outcome).toBe("succeeded");
    expect(gapCodes(execution?.context)).toEqual([]);
  });
});
