import type { Db, Prisma, RestoreRun } from "@atlas/db";
import { canBeSwitchedOn, contractOrder } from "./restore-order.ts";
import { getVisibleRestoreRun } from "./restore-queries.ts";
import { type Actor, assertCapability } from "../access/actor.ts";
import { recordAuditEvent } from "../audit/audit.ts";
import { ConflictError, NotFoundError, ValidationError } from "../errors.ts";
import { type StartRunResult, startOperationRun } from "../operations/start-run.ts";
import { type SafetyCheck, restoreStage } from "./restore-status.ts";
import { transitionRestoreRunInTx } from "./restore-transition.ts";
import { hasBlockers } from "./safety-checks.ts";

export type RestoreScopeMode = "with_assignments" | "without_assignments" | "assignments_only";

/** A run the actor may see AND plan: reading a run (restore.read) never allows changing it. */
async function visibleRestoreRun(db: Db, actor: Actor, id: string): Promise<RestoreRun> {
  const run = await getVisibleRestoreRun(db, actor, id);
  assertCapability(actor, run.workspaceId, run.managedEnvironmentId, "restore.preview", "Restore run");
  return run;
}

function assertPlanning(run: RestoreRun) {
  const stage = restoreStage(run.status);
  if (stage === "planning") return;
  const message = `The restore run is ${run.status}; its plan can no longer change. Start a new restore run.`;
  // Executing means someone confirmed it meanwhile: a conflict with that change, not bad input.
  throw stage === "executing" ? new ConflictError(message) : new ValidationError(message);
}

/**
 * Compare-and-set inside the caller's transaction: locks the restore run and proves that it is
 * still exactly as the caller read it (status, scope version). Another scope change or
 * confirmation that committed in between makes this one fail with a ConflictError.
 */
async function lockUnchanged(
  tx: Prisma.TransactionClient,
  run: RestoreRun,
  expect: { statuses: RestoreRun["status"][]; scopeVersion: number; previewed?: boolean },
): Promise<void> {
  const rows = await tx.$queryRaw<{ status: RestoreRun["status"]; scope_version: number; previewed_scope_version: number | null }[]>`
    select status, scope_version, previewed_scope_version from restore_runs where id = ${run.id}::uuid for update`;
  const current = rows[0];
  const unchanged =
    current &&
    expect.statuses.includes(current.status) &&
    current.scope_version === expect.scopeVersion &&
    (!expect.previewed || current.previewed_scope_version === current.scope_version);
  if (!unchanged) {
    throw new ConflictError(
      `The restore run changed meanwhile (now ${current?.status ?? "gone"}, scope version ${current?.scope_version ?? "-"}, expected ${expect.scopeVersion}). Reload it and review the scope and preview again.`,
    );
  }
}

/** Step 1: source backup set and target environment. Dry run is the default. */
export async function createRestoreRun(
  db: Db,
  actor: Actor,
  input: { backupSetId: string; environmentId: string; dryRun?: boolean | null; baselineDeploymentId?: string | null },
): Promise<RestoreRun> {
  const set = await db.backupSet.findUnique({ where: { id: input.backupSetId } });
  if (!set) throw new NotFoundError("Backup set");
  assertCapability(actor, set.workspaceId, set.managedEnvironmentId, "restore.preview", "Backup set");
  const target = await db.managedEnvironment.findUnique({ where: { id: input.environmentId } });
  if (!target || target.workspaceId !== set.workspaceId) throw new NotFoundError("Environment");
  assertCapability(actor, target.workspaceId, target.id, "restore.preview", "Environment");
  if (set.status !== "completed") {
    throw new ValidationError("Only a completed backup set can be restored.", [
      { path: ["backupSetId"], message: `This backup set is ${set.status}.` },
    ]);
  }
  const run = await db.restoreRun.create({
    data: {
      workspaceId: set.workspaceId,
      managedEnvironmentId: target.id,
      sourceBackupSetId: set.id,
      targetLabel: target.name,
      dryRun: input.dryRun ?? true,
      createdByUserId: actor.kind === "user" ? actor.userId : null,
      baselineDeploymentId: input.baselineDeploymentId ?? null,
    },
  });
  await recordAuditEvent(db, {
    workspaceId: run.workspaceId,
    environmentId: target.id,
    actor,
    action: "restore_run.created",
    targetType: "restore_run",
    targetId: run.id,
    outcome: "success",
    metadata: { backupSetId: set.id, dryRun: run.dryRun },
  });
  return run;
}

/**
 * Step 2: which backup items, and how (with/without assignments, assignments only). Replaces the
 * previous scope and resets checks and preview, which no longer describe it.
 */
export async function setRestoreScope(
  db: Db,
  actor: Actor,
  input: {
    restoreRunId: string;
    backupItemIds?: string[] | null;
    objectTypes?: string[] | null;
    selectAll?: boolean | null;
    mode: RestoreScopeMode;
    /**
     * Conditional Access policies (backup item ids of the scope) the operator switched on in the
     * preview: written enabled. Every other one is written report-only.
     */
    switchedOnItemIds?: string[] | null;
  },
): Promise<RestoreRun> {
  const run = await visibleRestoreRun(db, actor, input.restoreRunId);
  assertPlanning(run);
  const where: Prisma.BackupItemWhereInput = { backupSetId: run.sourceBackupSetId ?? "" };
  if (!input.selectAll) {
    const ids = input.backupItemIds ?? [];
    const types = input.objectTypes ?? [];
    if (ids.length === 0 && types.length === 0) {
      throw new ValidationError("Choose at least one item or type, or select all.", [
        { path: ["backupItemIds"], message: "Nothing selected." },
      ]);
    }
    where.OR = [...(ids.length ? [{ id: { in: ids } }] : []), ...(types.length ? [{ objectType: { in: types } }] : [])];
  }
  const items = await db.backupItem.findMany({ where, orderBy: [{ objectType: "asc" }, { displayName: "asc" }] });
  const unknown = (input.backupItemIds ?? []).filter((id) => !items.some((item) => item.id === id));
  if (unknown.length > 0 || items.length === 0) {
    throw new ValidationError("Some selected items are not part of the source backup set.", [
      { path: ["backupItemIds"], message: `${unknown.length || "All"} item(s) not in the backup set.` },
    ]);
  }
  const switchedOn = switchedOnChoices(items, input.switchedOnItemIds ?? []);
  const ordered = [...items].sort((a, b) => contractOrder(a.objectType) - contractOrder(b.objectType));
  return db.$transaction(async (tx) => {
    await lockUnchanged(tx, run, { statuses: [run.status], scopeVersion: run.scopeVersion });
    const scoped = await transitionRestoreRunInTx(tx, {
      restoreRunId: run.id,
      to: "scoped",
      actor,
      reasonCode: "scope_set",
      data: {
        scopeMode: input.mode,
        scopeVersion: { increment: 1 },
        previewedScopeVersion: null,
        checks: [],
        previewSummary: {},
        previewOperationRunId: null,
      },
    });
    if (!scoped.applied) throw new ValidationError(`The restore run's plan can no longer change: ${scoped.reason}.`);
    await tx.restoreItem.deleteMany({ where: { restoreRunId: run.id } });
    await tx.restoreItem.createMany({
      data: ordered.map((item, ordinal) => ({
        restoreRunId: run.id,
        backupItemId: item.id,
        objectType: item.objectType,
        displayName: item.displayName,
        isFoundation: item.isFoundation,
        switchedOn: switchedOn.has(item.id),
        ordinal,
      })),
    });
    return scoped.run;
  });
}

/** The items to write switched on: each must be in the scope and of a type a restore can switch on. */
function switchedOnChoices(items: { id: string; objectType: string }[], ids: string[]): Set<string> {
  const switchable = new Set(items.filter((item) => canBeSwitchedOn(item.objectType)).map((item) => item.id));
  const refused = ids.filter((id) => !switchable.has(id));
  if (refused.length > 0) {
    throw new ValidationError("Only Conditional Access policies of the scope can be switched on.", [
      { path: ["switchedOnItemIds"], message: `${refused.length} item(s) are not Conditional Access policies of this scope.` },
    ]);
  }
  return new Set(ids);
}

/** Step 3+4: enqueue restore.preview (safety checks and per-item diffs against the target). */
export async function startRestorePreview(
  db: Db,
  actor: Actor,
  input: { restoreRunId: string },
): Promise<{ restoreRun: RestoreRun; start: StartRunResult }> {
  const run = await visibleRestoreRun(db, actor, input.restoreRunId);
  assertPlanning(run);
  if (run.status === "draft") throw new ValidationError("Choose the scope before the preview.");
  const start = await startOperationRun(db, actor, {
    workspaceId: run.workspaceId,
    environmentId: run.managedEnvironmentId,
    type: "restore.preview",
    targetKey: run.id,
    capability: "restore.preview",
    context: { restoreRunId: run.id },
    link: async (tx, runId) => {
      await lockUnchanged(tx, run, { statuses: ["scoped", "checked", "previewed"], scopeVersion: run.scopeVersion });
      // The preview runs on this scope version; confirmation is allowed for exactly this one.
      await tx.restoreRun.update({
        where: { id: run.id },
        data: { previewOperationRunId: runId, previewedScopeVersion: run.scopeVersion, updatedAt: new Date() },
      });
    },
  });
  const restoreRun = await db.restoreRun.findUniqueOrThrow({ where: { id: run.id } });
  return { restoreRun, start };
}

/**
 * Step 5: the operator acknowledges the impact and types the target's name exactly; blockers
 * make this impossible. Enqueues restore.execute only for the exact scope its preview ran on:
 * the scope version the caller saw (when given) and the one previewed must both still be the
 * run's current one when the confirmation commits, else ConflictError.
 */
export async function confirmRestoreRun(
  db: Db,
  actor: Actor,
  input: { restoreRunId: string; acknowledgeImpact: boolean; typedTargetName: string; scopeVersion?: number | null },
  options: { deploymentApproval?: boolean } = {},
): Promise<{ restoreRun: RestoreRun; start: StartRunResult }> {
  const run = await visibleRestoreRun(db, actor, input.restoreRunId);
  // A deployment's runs start only through its approval (a second person for several tenants):
  // confirming one here would bypass it.
  if (run.baselineDeploymentId && !options.deploymentApproval) {
    throw new ValidationError("This restore run belongs to a baseline deployment; it runs when the deployment is approved.", [
      { path: ["restoreRunId"], message: "Approve the deployment instead." },
    ]);
  }
  const scopeVersion = input.scopeVersion ?? run.scopeVersion;
  if (!run.dryRun) assertCapability(actor, run.workspaceId, run.managedEnvironmentId, "restore.execute", "Restore run");
  if (scopeVersion !== run.scopeVersion) {
    throw new ConflictError(
      `The scope changed since you reviewed it (now version ${run.scopeVersion}, you confirmed version ${scopeVersion}). Review the new scope and its preview.`,
    );
  }
  if (run.status !== "previewed") throw new ValidationError(`The restore run is ${run.status}: run the preview first.`);
  const checks = run.checks as unknown as SafetyCheck[];
  if (hasBlockers(checks)) {
    throw new ValidationError("Blocking safety checks must be resolved before this restore can run.", [
      {
        path: ["restoreRunId"],
        message: checks
          .filter((check) => check.severity === "blocker")
          .map((check) => check.message)
          .join(" "),
      },
    ]);
  }
  const fieldErrors = [
    !input.acknowledgeImpact && { path: ["acknowledgeImpact"], message: "Confirm that you reviewed the impact." },
    input.typedTargetName !== run.targetLabel && {
      path: ["typedTargetName"],
      message: `Type the target's name exactly: ${run.targetLabel}`,
    },
  ].filter(Boolean) as { path: string[]; message: string }[];
  if (fieldErrors.length > 0) throw new ValidationError("The restore was not confirmed.", fieldErrors);
  if (run.previewedScopeVersion !== run.scopeVersion) {
    throw new ConflictError(
      `The preview ran on another scope (previewed version ${run.previewedScopeVersion ?? "none"}, scope version ${run.scopeVersion}). Run the preview again.`,
    );
  }
  const start = await startOperationRun(db, actor, {
    workspaceId: run.workspaceId,
    environmentId: run.managedEnvironmentId,
    type: "restore.execute",
    targetKey: run.id,
    capability: run.dryRun ? "restore.preview" : "restore.execute",
    context: { restoreRunId: run.id, dryRun: run.dryRun },
    link: async (tx, runId) => {
      await lockUnchanged(tx, run, { statuses: ["previewed"], scopeVersion, previewed: true });
      const queued = await transitionRestoreRunInTx(tx, {
        restoreRunId: run.id,
        from: ["previewed"],
        to: "queued",
        actor,
        reasonCode: "confirmed",
        data: {
          operationRunId: runId,
          confirmedAt: new Date(),
          // The audit of the execution names whoever confirmed: a user session or an API token.
          confirmedByUserId: actor.kind === "user" ? actor.userId : null,
          confirmedByTokenId: actor.kind === "token" ? actor.tokenId : null,
        },
      });
      if (!queued.applied) throw new ValidationError(`The restore run cannot be confirmed: ${queued.reason}.`);
    },
  });
  const restoreRun = await db.restoreRun.findUniqueOrThrow({ where: { id: run.id } });
  // Who switched Conditional Access policies on is part of the record: they are written enforced.
  const switchedOn = await db.restoreItem.findMany({ where: { restoreRunId: run.id, switchedOn: true }, select: { displayName: true } });
  await recordAuditEvent(db, {
    workspaceId: run.workspaceId,
    environmentId: run.managedEnvironmentId,
    actor,
    action: "restore_run.confirmed",
    targetType: "restore_run",
    targetId: run.id,
    outcome: "success",
    metadata: {
      dryRun: run.dryRun,
      operationRunId: start.run.id,
      ...(switchedOn.length > 0 ? { switchedOn: switchedOn.map((item) => item.displayName) } : {}),
    },
  });
  return { restoreRun, start };
}
