import {
  type Actor,
  approveBaselineDeployment,
  ConflictError,
  confirmRestoreRun,
  createBaselineFromBackup,
  createUser,
  deployBaseline,
  deploymentView,
  environmentDashboard,
  ForbiddenError,
  gatherReviewEvidence,
  importBaseline,
  loadUserActor,
  NotFoundError,
  requestBaselineDeployment,
  retentionCandidates,
  storedReconciliation,
  ValidationError,
} from "@atlas/core";
import type { ContractKey, GraphObject } from "@atlas/graph-client";
import { demoTenant } from "@atlas/graph-sim";
import { beforeAll, describe, expect, it } from "vitest";
import { jsonFilesBelow, openIntuneBaselineDir } from "../kit/baseline-fixture.ts";
import { captureDocumentOf, clientFor, hashByReferenceNames, referenceNames } from "../kit/coverage-fixture.ts";
import { tenantId, waitForCompletion } from "../kit/index.ts";
import { backupOf } from "../kit/restore-fixture.ts";
import { useRestoreStack } from "../kit/restore-stack.ts";

// Deploying baselines to the fleet through the real path: core services, PostgreSQL, the worker and
// the simulator over HTTP. Previews, approval by a second owner, execution and proof per tenant.

const stack = useRestoreStack();
let secondOwner: Actor;
let readonly: Actor;
let oibBaselineId: string;

async function actorOf(email: string): Promise<Actor> {
  return (await loadUserActor(stack.db, (await stack.db.user.findUniqueOrThrow({ where: { email } })).id))!;
}

async function runsOf(deploymentId: string) {
  return stack.db.restoreRun.findMany({ where: { baselineDeploymentId: deploymentId }, orderBy: { targetLabel: "asc" } });
}

async function previewed(deploymentId: string) {
  for (const run of await runsOf(deploymentId)) await waitForCompletion(stack.db, run.previewOperationRunId!, 120_000);
  return view(deploymentId);
}

async function view(deploymentId: string) {
  return deploymentView(stack.db, await stack.db.baselineDeployment.findUniqueOrThrow({ where: { id: deploymentId } }));
}

/** Requests that change a tenant (a $batch POST only carries reads here; a token POST changes nothing). */
function writesTo(tenant: string, since: number) {
  return stack.sim
    .history({ tenantId: tenantId(tenant) })
    .filter((entry) => entry.at >= since && entry.method !== "GET" && !/\/\$batch$|\/oauth2\//.test(entry.path))
    .map((entry) => `${entry.method} ${entry.path}`);
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

beforeAll(async () => {
  const userId = await createUser(stack.db, { email: "second-owner@demo.test", displayName: "Second Owner", password: "second-owner" });
  await stack.db.membership.create({ data: { userId, workspaceId: stack.workspaceId, role: "owner" } });
  secondOwner = (await loadUserActor(stack.db, userId))!;
  readonly = await actorOf("readonly@demo.test");
  const files = jsonFilesBelow(openIntuneBaselineDir()).map((file) => ({ name: file.path, bytes: file.bytes }));
  oibBaselineId = (await importBaseline(stack.db, stack.operator, { workspaceId: stack.workspaceId, name: "OpenIntuneBaseline", files }))
    .id;
}, 60_000);

describe("deploying a baseline to the fleet", { timeout: 400_000 }, () => {
  it("deploys every object of the OpenIntuneBaseline sample live to Northwind once a second owner approves; read back equal to the files, proven", async () => {
    const northwind = stack.environments.Northwind!;
    // The preview's first request waits 5 s, so an approval right away finds it still previewing.
    stack.sim.injectFault({ kind: "latency", tenantId: tenantId("Northwind"), pathContains: "groups", ms: 5000, count: 1 });
    const requested = await requestBaselineDeployment(stack.db, stack.owner, { baselineId: oibBaselineId, environmentIds: [northwind] });
    const early = await refusal(approveBaselineDeployment(stack.db, secondOwner, { deploymentId: requested.id }));
    expect(early).toBeInstanceOf(ConflictError);
    expect((early as Error).message).toMatch(/^1 of 1 tenants are still previewing/);
    const ready = await previewed(requested.id);
    expect(ready.state, JSON.stringify(ready.targets.map((target) => target.blockers))).toBe("awaiting_approval");
    const approved = await approveBaselineDeployment(stack.db, secondOwner, { deploymentId: requested.id });
    expect(approved).toMatchObject({ approvedBy: `user:${(secondOwner as { userId: string }).userId}` });
    const [run] = await runsOf(requested.id);
    const execution = await waitForCompletion(stack.db, run!.operationRunId!, 300_000);
    const unapplied = await stack.db.restoreItem.findMany({ where: { restoreRunId: run!.id, outcome: { not: "applied" } } });
    expect(
      execution.outcome,
      JSON.stringify({
        gaps: storedReconciliation(execution.context)?.latest.proofGaps,
        unapplied: unapplied.map((item) => `${item.displayName}: ${item.outcome} ${item.errorCode} ${item.errorMessage}`),
      }),
    ).toBe("succeeded");

    const deployed = await view(requested.id);
    expect(deployed).toMatchObject({ state: "succeeded", proven: true });
    expect(deployed.targets).toMatchObject([{ outcome: "succeeded", proven: true }]);
    const version = await stack.db.baselineVersion.findFirstOrThrow({ where: { baselineId: oibBaselineId }, include: { items: true } });
    expect(deployed.targets[0]!.preview.create).toBe(version.items.length);

    // Every object read back from the tenant equals its file (references compared by name).
    const tenant = clientFor(stack.sim.url, demoTenant("Northwind"));
    const names = await referenceNames(tenant);
    const restored = await stack.db.restoreItem.findMany({ where: { restoreRunId: run!.id } });
    expect(restored.map((item) => `${item.displayName}: ${item.outcome}`).filter((line) => !line.endsWith("applied"))).toEqual([]);
    const differing: string[] = [];
    for (const item of version.items) {
      const type = item.objectType as ContractKey;
      const written = restored.find((candidate) => candidate.objectType === type && candidate.displayName === item.displayName);
      const file = item.normalizedPayload as GraphObject;
      const { assignments, ...withoutAssignments } = await captureDocumentOf(tenant, type, written!.targetProviderId!);
      const readBack = "assignments" in file ? { ...withoutAssignments, assignments } : withoutAssignments;
      if (hashByReferenceNames(type, readBack, names) !== hashByReferenceNames(type, file, names)) differing.push(item.displayName);
    }
    expect(differing).toEqual([]);

    const audits = await stack.db.auditEvent.findMany({ where: { targetId: requested.id }, orderBy: { id: "asc" } });
    expect(audits.map((audit) => [audit.action, audit.actorId])).toEqual([
      ["baseline_deployment.requested", (stack.owner as { userId: string }).userId],
      ["baseline_deployment.approved", (secondOwner as { userId: string }).userId],
    ]);
  });

  it("a dry run of a Fabrikam baseline to two environments shows per tenant what would be created, updated or left alone, and writes nothing", async () => {
    const fabrikam = stack.environments.Fabrikam!;
    const contoso = stack.environments.Contoso!;
    const backupSetId = await backupOf(stack.db, stack.operator, fabrikam);
    const policies = await stack.db.backupItem.findMany({
      where: { backupSetId, objectType: { in: ["deviceConfigurations", "configurationPolicies", "deviceCompliancePolicies"] } },
      include: { policyVersion: true },
      orderBy: { displayName: "asc" },
    });
    const baseline = await createBaselineFromBackup(stack.db, stack.operator, {
      backupSetId,
      name: "Fabrikam policies",
      backupItemIds: policies.map((item) => item.id),
    });
    // One Fabrikam policy drifts from the baseline: the preview must call it an update.
    const drifted = policies.find(
      (item) =>
        item.objectType === "deviceConfigurations" &&
        Object.values(item.policyVersion.normalizedPayload as object).some((value) => typeof value === "boolean"),
    )!;
    const normalized = drifted.policyVersion.normalizedPayload as Record<string, unknown>;
    const field = Object.keys(normalized).find((key) => typeof normalized[key] === "boolean")!;
    stack.sim.mutate(tenantId("Fabrikam"), "deviceConfigurations", drifted.providerId, { [field]: !normalized[field] });

    const since = performance.timeOrigin + performance.now();
    const deployment = await deployBaseline(stack.db, stack.operator, {
      baselineId: baseline.id,
      environmentIds: [fabrikam, contoso],
      dryRun: true,
    });
    const result = await previewed(deployment.id);
    expect(result).toMatchObject({ state: "succeeded", proven: false });
    const byName = Object.fromEntries(result.targets.map((target) => [target.restoreRun.targetLabel, target]));
    expect(Object.keys(byName).sort()).toEqual(["Contoso", "Fabrikam"]);
    expect(byName.Fabrikam!.preview).toEqual({ create: 0, update: 1, unchanged: policies.length - 1, skip: 0 });
    const contosoPreview = byName.Contoso!.preview;
    expect(contosoPreview.create + contosoPreview.update + contosoPreview.unchanged + contosoPreview.skip).toBe(policies.length);
    expect(contosoPreview.create).toBeGreaterThan(0);
    for (const target of result.targets) {
      expect(target.outcome).toBe("previewed");
      expect(target.restoreRun.dryRun).toBe(true);
      // The counts are the preview's own per-item actions.
      const actions = await stack.db.restoreItem.groupBy({
        by: ["previewAction"],
        where: { restoreRunId: target.restoreRun.id },
        _count: { _all: true },
      });
      const count = (action: string) => actions.find((row) => row.previewAction === action)?._count._all ?? 0;
      expect([count("create"), count("update"), count("no_change")]).toEqual([
        target.preview.create,
        target.preview.update,
        target.preview.unchanged,
      ]);
    }
    expect(byName.Fabrikam!.restoreRun.sourceBackupSetId).toBe(backupSetId);
    expect(writesTo("Fabrikam", since)).toEqual([]);
    expect(writesTo("Contoso", since)).toEqual([]);
    const dryApproval = await refusal(approveBaselineDeployment(stack.db, secondOwner, { deploymentId: deployment.id }));
    expect(dryApproval).toBeInstanceOf(ValidationError);
  });

  it("refuses the requester's own approval of several environments, readonly members, operators' approvals, other workspaces and bad input", async () => {
    const { Contoso: contoso, Northwind: northwind } = stack.environments;
    const requested = await requestBaselineDeployment(stack.db, stack.owner, {
      baselineId: oibBaselineId,
      environmentIds: [contoso!, northwind!],
    });
    const own = await refusal(approveBaselineDeployment(stack.db, stack.owner, { deploymentId: requested.id }));
    expect(own).toBeInstanceOf(ForbiddenError);
    expect((own as ForbiddenError).message).toMatch(/You requested this deployment to 2 environments; a second person/);
    const operatorApproval = await refusal(approveBaselineDeployment(stack.db, stack.operator, { deploymentId: requested.id }));
    expect(operatorApproval).toMatchObject({ capability: "deployment.approve" });
    expect(await refusal(approveBaselineDeployment(stack.db, readonly, { deploymentId: requested.id }))).toBeInstanceOf(ForbiddenError);
    expect(
      await refusal(deployBaseline(stack.db, readonly, { baselineId: oibBaselineId, environmentIds: [contoso!], dryRun: true })),
    ).toMatchObject({ capability: "baseline.manage" });
    // Operators plan and dry-run; a live deployment needs restore.execute on every target.
    expect(
      await refusal(requestBaselineDeployment(stack.db, stack.operator, { baselineId: oibBaselineId, environmentIds: [contoso!] })),
    ).toMatchObject({ capability: "restore.execute" });

    const other = stack.other;
    const otherEnvironment = Object.values(other.environments)[0]!;
    const missing = [
      () => approveBaselineDeployment(stack.db, other.owner, { deploymentId: requested.id }),
      () => deployBaseline(stack.db, other.owner, { baselineId: oibBaselineId, environmentIds: [otherEnvironment], dryRun: true }),
      () =>
        deployBaseline(stack.db, stack.owner, { baselineId: oibBaselineId, environmentIds: [contoso!, otherEnvironment], dryRun: true }),
      () => deployBaseline(stack.db, stack.owner, { baselineId: oibBaselineId, environmentIds: ["not-an-id"], dryRun: true }),
    ];
    for (const attempt of missing) expect(await refusal(attempt())).toBeInstanceOf(NotFoundError);

    const before = [await stack.db.baselineDeployment.count(), await stack.db.restoreRun.count(), await stack.db.backupSet.count()];
    const none = await refusal(deployBaseline(stack.db, stack.owner, { baselineId: oibBaselineId, environmentIds: [], dryRun: true }));
    expect(none).toBeInstanceOf(ValidationError);
    expect((none as ValidationError).fieldErrors).toEqual([expect.objectContaining({ path: ["environmentIds"] })]);
    const tooMany = Array.from({ length: 51 }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`);
    expect(
      await refusal(deployBaseline(stack.db, stack.owner, { baselineId: oibBaselineId, environmentIds: tooMany, dryRun: true })),
    ).toBeInstanceOf(ValidationError);
    const badMode = await refusal(
      deployBaseline(stack.db, stack.owner, {
        baselineId: oibBaselineId,
        environmentIds: [contoso!],
        dryRun: true,
        mode: "everything" as never,
      }),
    );
    expect((badMode as ValidationError).fieldErrors).toEqual([expect.objectContaining({ path: ["mode"] })]);
    expect([await stack.db.baselineDeployment.count(), await stack.db.restoreRun.count(), await stack.db.backupSet.count()]).toEqual(
      before,
    );
    // The refused deployment still waits; a run of it cannot be confirmed around the approval.
    expect((await previewed(requested.id)).state).toBe("awaiting_approval");
    const [run] = await runsOf(requested.id);
    const bypass = await refusal(
      confirmRestoreRun(stack.db, stack.owner, { restoreRunId: run!.id, acknowledgeImpact: true, typedTargetName: run!.targetLabel }),
    );
    expect(bypass).toBeInstanceOf(ValidationError);
    expect((await stack.db.restoreRun.findUniqueOrThrow({ where: { id: run!.id } })).status).toBe("previewed");
  });

  it("a baseline written out for a deployment is never the environment's last backup", async () => {
    const contoso = stack.environments.Contoso!;
    const backupSetId = await backupOf(stack.db, stack.operator, contoso);
    const deployment = await deployBaseline(stack.db, stack.operator, {
      baselineId: oibBaselineId,
      environmentIds: [contoso],
      dryRun: true,
    });
    const [run] = await runsOf(deployment.id);
    const materialized = await stack.db.backupSet.findUniqueOrThrow({ where: { id: run!.sourceBackupSetId! } });
    expect(materialized).toMatchObject({ trigger: "baseline", status: "completed", managedEnvironmentId: contoso });
    expect(materialized.name).toBe('Baseline "OpenIntuneBaseline" v1');
    expect(materialized.createdAt.getTime()).toBeGreaterThan(
      (await stack.db.backupSet.findUniqueOrThrow({ where: { id: backupSetId } })).createdAt.getTime(),
    );
    expect((await environmentDashboard(stack.db, stack.operator, contoso)).lastBackupSet?.id).toBe(backupSetId);
    expect((await gatherReviewEvidence(stack.db, { workspaceId: stack.workspaceId, environmentId: contoso })).backupSet?.id).toBe(
      backupSetId,
    );
    expect((await retentionCandidates(stack.db, contoso)).map((set) => set.id)).not.toContain(materialized.id);
  });
});
