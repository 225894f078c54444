import {
  type Actor,
  ValidationError,
  actorFromApiToken,
  cancelOperationRun,
  confirmRestoreRun,
  createApiToken,
  loadUserActor,
  storedReconciliation,
} from "@atlas/core";
import { DEMO_TENANTS, type GraphSim, startGraphSim } from "@atlas/graph-sim";
import { type RunningWorker, startWorker } from "@atlas/worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_SECRET_BOX, type TestDatabase, createTestDatabase, eventually, seedDemoAgainst, waitForCompletion } from "../kit/index.ts";
import { backupOf, createsByName, restoreThroughWizard } from "../kit/restore-fixture.ts";

let t: TestDatabase;
let sim: GraphSim;
let worker: RunningWorker;
let owner: Actor;
let environments: Record<string, string>;
const tenant = (name: string) => DEMO_TENANTS.find((candidate) => candidate.name === name)!.tenantId;

beforeAll(async () => {
  t = await createTestDatabase();
  sim = await startGraphSim({ port: 0, timeScale: 0.05 });
  environments = (await seedDemoAgainst(t.db, sim)).demo.demo!.environments;
  const user = await t.db.user.findUniqueOrThrow({ where: { email: "owner@demo.test" } });
  owner = (await loadUserActor(t.db, user.id))!;
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

const gapCodes = (context: unknown) => (storedReconciliation(context)?.latest.proofGaps ?? []).map((gap) => gap.code);

describe("restore", () => {
  it("restores Contoso into Northwind with mapped assignments; an unmappable group makes its item partial and the run PARTIALLY_SUCCEEDED", async () => {
    const backupSetId = await backupOf(t.db, owner, environments.Contoso!);
    const { restoreRun, execution } = await restoreThroughWizard(t.db, owner, { backupSetId, environmentId: environments.Northwind! });
    const items = await t.db.restoreItem.findMany({ where: { restoreRunId: restoreRun.id } });
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
    const again = await restoreThroughWizard(t.db, owner, { backupSetId, environmentId: environments.Northwind! });
    const actions = await t.db.restoreItem.findMany({ where: { restoreRunId: again.restoreRun.id }, select: { previewAction: true } });
    expect(actions.filter((item) => item.previewAction === "create")).toEqual([]);
    const duplicates = [...createsByName(sim, tenant("Northwind")).entries()].filter(([, count]) => count > 1);
    expect(duplicates).toEqual([]);
  });

  it("puts a drifted setting back in the same tenant and proves it: SUCCEEDED", async () => {
    const backupSetId = await backupOf(t.db, owner, environments.Fabrikam!);
    const profile = await t.db.backupItem.findFirstOrThrow({
      where: { backupSetId, objectType: "deviceConfigurations" },
      include: { policyVersion: true },
      orderBy: { displayName: "asc" },
    });
    const raw = profile.policyVersion.rawPayload as Record<string, unknown>;
    const field = Object.keys(raw).find((key) => typeof raw[key] === "boolean")!;
    sim.mutate(tenant("Fabrikam"), "deviceConfigurations", profile.providerId, { [field]: !raw[field] });
    const { restoreRun, execution } = await restoreThroughWizard(t.db, owner, {
      backupSetId,
      environmentId: environments.Fabrikam!,
      objectTypes: ["deviceConfigurations"],
    });
    const item = await t.db.restoreItem.findFirstOrThrow({ where: { restoreRunId: restoreRun.id, backupItemId: profile.id } });
    expect(item.previewAction).toBe("update");
    expect(restoreRun.status).toBe("completed");
    expect(execution?.outcome).toBe("succeeded");
    expect(gapCodes(execution?.context)).toEqual([]);
    const evidence = await t.db.evidenceSnapshot.findFirstOrThrow({ where: { operationRunId: execution!.id } });
    expect(evidence.completenessState).toBe("complete");
    const checks = restoreRun.checks as { code: string }[];
    expect(checks.map((check) => check.code)).toContain("SAME_TENANT");
  });

  it("stops a running restore before its next item when its run is cancelled", async () => {
    const backupSetId = (
      await t.db.backupSet.findFirstOrThrow({ where: { managedEnvironmentId: environments.Contoso! }, orderBy: { createdAt: "desc" } })
    ).id;
    const { restoreRun } = await restoreThroughWizard(t.db, owner, { backupSetId, environmentId: environments.Northwind!, confirm: false });
    sim.injectFault({ kind: "latency", tenantId: tenant("Northwind"), ms: 100, count: 100_000 });
    const { start } = await confirmRestoreRun(t.db, owner, {
      restoreRunId: restoreRun.id,
      acknowledgeImpact: true,
      typedTargetName: "Northwind",
    });
    await eventually(
      async () => (await t.db.restoreItem.count({ where: { restoreRunId: restoreRun.id, outcome: { not: "pending" } } })) >= 2,
      {
        what: "two items of the restore to be done",
      },
    );
    await cancelOperationRun(t.db, owner, start.run.id);
    const run = await waitForCompletion(t.db, start.run.id);
    sim.clearFaults();
    expect(run.outcome).toBe("cancelled");
    const stopped = await t.db.restoreRun.findUniqueOrThrow({ where: { id: restoreRun.id } });
    expect(stopped.status).toBe("cancelled");
    expect(await t.db.restoreItem.count({ where: { restoreRunId: restoreRun.id, outcome: "pending" } })).toBeGreaterThan(0);
  });

  it("refuses to confirm with a blocker or a wrong tenant name, and enqueues nothing", async () => {
    const backupSetId = (await t.db.backupSet.findFirstOrThrow({ where: { managedEnvironmentId: environments.Contoso! } })).id;
    const { restoreRun } = await restoreThroughWizard(t.db, owner, {
      backupSetId,
      environmentId: environments.Northwind!,
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
          await t.db.$queryRawUnsafe<{ n: bigint }[]>(
            "select count(*) as n from graphile_worker.jobs where task_identifier = 'restore.execute'",
          )
        )[0]!.n,
      );
    const before = await jobs();
    await expect(
      confirmRestoreRun(t.db, owner, { restoreRunId: restoreRun.id, acknowledgeImpact: true, typedTargetName: "Northwind" }),
    ).rejects.toBeInstanceOf(ValidationError);
    const clean = await restoreThroughWizard(t.db, owner, {
      backupSetId,
      environmentId: environments.Northwind!,
      objectTypes: ["roleScopeTags"],
      confirm: false,
    });
    await expect(
      confirmRestoreRun(t.db, owner, { restoreRunId: clean.restoreRun.id, acknowledgeImpact: true, typedTargetName: "northwind" }),
    ).rejects.toThrow(/not confirmed/);
    expect(await jobs()).toBe(before);
    expect((await t.db.restoreRun.findUniqueOrThrow({ where: { id: clean.restoreRun.id } })).operationRunId).toBeNull();
  });

  it("ends a finished dry run DRY_RUN_COMPLETED, so it never reads as an applied restore", async () => {
    const backupSetId = (await t.db.backupSet.findFirstOrThrow({ where: { managedEnvironmentId: environments.Fabrikam! } })).id;
    const { restoreRun, execution } = await restoreThroughWizard(t.db, owner, {
      backupSetId,
      environmentId: environments.Fabrikam!,
      objectTypes: ["deviceConfigurations"],
      dryRun: true,
    });
    expect([restoreRun.status, execution?.outcome]).toEqual(["dry_run_completed", "blocked"]);
    expect(await t.db.restoreRun.count({ where: { id: restoreRun.id, status: "completed" } })).toBe(0);
  });

  it("audits a restore confirmed with an API token as that token, by id and name, and proves it", async () => {
    const backupSetId = (await t.db.backupSet.findFirstOrThrow({ where: { managedEnvironmentId: environments.Fabrikam! } })).id;
    const workspaceId = (await t.db.managedEnvironment.findUniqueOrThrow({ where: { id: environments.Fabrikam! } })).workspaceId;
    const token = await createApiToken(t.db, { workspaceId, name: "Partner RMM", role: "manager" });
    const partner = (await actorFromApiToken(t.db, token.token))!;
    const { restoreRun, execution } = await restoreThroughWizard(t.db, partner, {
      backupSetId,
      environmentId: environments.Fabrikam!,
      objectTypes: ["deviceConfigurations"],
    });
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { action: "restore_run.executed", targetId: restoreRun.id } });
    expect([audit.actorType, audit.actorId, (audit.metadata as { actorName?: string }).actorName]).toEqual([
      "token",
      token.id,
      "Partner RMM",
    ]);
    expect(execution?.outcome).toBe("succeeded");
    expect(gapCodes(execution?.context)).toEqual([]);
  });
});
