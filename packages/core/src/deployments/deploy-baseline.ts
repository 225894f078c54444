// Deploying a baseline to the fleet: one restore run per target environment, scoped to the
// baseline's objects and previewed at once, so each tenant shows what it would get (created,
// updated, left alone). A dry run ends there; a live deployment waits for approval
// (approve-deployment.ts). Every refusal happens before anything is written.

import type { BaselineDeployment, BaselineItem, Db, ManagedEnvironment } from "@atlas/db";
import { type Actor, actorLabel, assertCapability, canSeeEnvironment, grantFor } from "../access/actor.ts";
import { recordAuditEvent } from "../audit/audit.ts";
import { getVisibleBaseline } from "../baselines/baseline-service.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { createRestoreRun, type RestoreScopeMode, setRestoreScope, startRestorePreview } from "../restore/restore-wizard.ts";
import { type DeploymentSource, deploymentSourceOf, materializeBaselineVersion } from "./deployment-source.ts";

/** One deployment reaches at most this many tenants: each is a restore run with a preview. */
export const MAX_DEPLOYMENT_ENVIRONMENTS = 50;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SCOPE_MODES: readonly RestoreScopeMode[] = ["with_assignments", "without_assignments", "assignments_only"];

export interface DeployBaselineInput {
  baselineId: string;
  environmentIds: readonly string[];
  dryRun: boolean;
  /**
   * Default without_assignments: a standard says how objects are configured; whom they apply to
   * is each customer's, and group ids of the baseline's origin mean nothing in another tenant.
   */
  mode?: RestoreScopeMode | null;
}

/** The target environments, each visible (NotFound otherwise) and plannable (live: executable) by the actor. */
async function targetEnvironments(db: Db, actor: Actor, workspaceId: string, input: DeployBaselineInput): Promise<ManagedEnvironment[]> {
  const ids = [...new Set(input.environmentIds)];
  if (ids.length === 0 || ids.length > MAX_DEPLOYMENT_ENVIRONMENTS) {
    throw new ValidationError(`Choose 1 to ${MAX_DEPLOYMENT_ENVIRONMENTS} environments.`, [
      { path: ["environmentIds"], message: `${ids.length} given.` },
    ]);
  }
  if (ids.some((id) => !UUID.test(id))) throw new NotFoundError("Environment");
  const found = await db.managedEnvironment.findMany({ where: { id: { in: ids }, workspaceId }, orderBy: { name: "asc" } });
  const visible = found.filter((environment) => grantFor(actor, workspaceId) && canSeeEnvironment(actor, workspaceId, environment.id));
  if (visible.length !== ids.length) throw new NotFoundError("Environment");
  for (const environment of visible) {
    assertCapability(actor, workspaceId, environment.id, "restore.preview", "Environment");
    if (!input.dryRun) assertCapability(actor, workspaceId, environment.id, "restore.execute", "Environment");
  }
  return visible;
}

function checkedMode(mode: RestoreScopeMode | null | undefined): RestoreScopeMode {
  const chosen = mode ?? "without_assignments";
  if (!SCOPE_MODES.includes(chosen)) {
    throw new ValidationError("Unknown restore mode.", [{ path: ["mode"], message: `One of ${SCOPE_MODES.join(", ")}.` }]);
  }
  return chosen;
}

/** One tenant: its restore run (from the shared backup or its own materialized set), scoped and previewing. */
async function planTarget(
  db: Db,
  actor: Actor,
  plan: { deployment: BaselineDeployment; source: DeploymentSource; items: BaselineItem[]; name: string; version: number },
  environment: ManagedEnvironment,
  mode: RestoreScopeMode,
): Promise<void> {
  const { deployment, source } = plan;
  const backupSetId =
    source.kind === "backup"
      ? source.backupSetId
      : await materializeBaselineVersion(db, {
          workspaceId: deployment.workspaceId,
          environmentId: environment.id,
          baselineName: plan.name,
          versionNumber: plan.version,
          items: plan.items,
        });
  const run = await createRestoreRun(db, actor, {
    backupSetId,
    environmentId: environment.id,
    dryRun: deployment.dryRun,
    baselineDeploymentId: deployment.id,
  });
  await setRestoreScope(db, actor, {
    restoreRunId: run.id,
    ...(source.kind === "backup" ? { backupItemIds: source.backupItemIds } : { selectAll: true }),
    mode,
  });
  await startRestorePreview(db, actor, { restoreRunId: run.id });
}

/**
 * Deploys the baseline's latest version: a restore run per environment scoped to its items, each
 * previewed. Needs baseline.manage and, on every environment, restore.preview (live: restore.execute
 * too). A dry run only previews; a live one waits for approveBaselineDeployment.
 */
export async function deployBaseline(db: Db, actor: Actor, input: DeployBaselineInput): Promise<BaselineDeployment> {
  const baseline = await getVisibleBaseline(db, actor, input.baselineId);
  assertCapability(actor, baseline.workspaceId, null, "baseline.manage", "Baseline");
  const environments = await targetEnvironments(db, actor, baseline.workspaceId, input);
  const mode = checkedMode(input.mode);
  const version = await db.baselineVersion.findFirst({
    where: { baselineId: baseline.id },
    orderBy: { number: "desc" },
    include: { items: { orderBy: [{ objectType: "asc" }, { displayName: "asc" }] } },
  });
  if (!version || version.items.length === 0) {
    throw new ValidationError("The baseline holds no objects to deploy.", [{ path: ["baselineId"], message: "Empty baseline." }]);
  }
  const source = await deploymentSourceOf(db, actor, version.items);
  const deployment = await db.$transaction(async (tx) => {
    const created = await tx.baselineDeployment.create({
      data: {
        workspaceId: baseline.workspaceId,
        baselineId: baseline.id,
        baselineVersionId: version.id,
        dryRun: input.dryRun,
        requestedByUserId: actor.kind === "user" ? actor.userId : null,
        requestedBy: actorLabel(actor),
      },
    });
    await recordAuditEvent(tx, {
      workspaceId: baseline.workspaceId,
      actor,
      action: input.dryRun ? "baseline_deployment.dry_run" : "baseline_deployment.requested",
      targetType: "baseline_deployment",
      targetId: created.id,
      outcome: "success",
      metadata: {
        baselineId: baseline.id,
        name: baseline.name,
        version: version.number,
        items: version.items.length,
        environmentIds: environments.map((environment) => environment.id),
        source: source.kind,
        mode,
      },
    });
    return created;
  });
  const plan = { deployment, source, items: version.items, name: baseline.name, version: version.number };
  // One tenant after the other: each start only enqueues its preview, which workers run in parallel.
  for (const environment of environments) await planTarget(db, actor, plan, environment, mode);
  return deployment;
}

/** The live deployment that waits for an approval (deployBaseline with dryRun false). */
export function requestBaselineDeployment(db: Db, actor: Actor, input: Omit<DeployBaselineInput, "dryRun">): Promise<BaselineDeployment> {
  return deployBaseline(db, actor, { ...input, dryRun: false });
}
