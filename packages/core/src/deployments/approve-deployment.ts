// Approving a live baseline deployment: a second person holding deployment.approve (owners) lets
// every tenant's previewed restore run execute. The approval is the typed confirmation of each run
// (confirmRestoreRun with the target name the run holds), so each tenant then runs as any restore
// does: its own restore.execute job, in parallel with the others up to the workers' concurrency,
// each within its tenant's Graph request budget, each verified and proven on its own.

import type { BaselineDeployment, Db, RestoreRun } from "@atlas/db";
import { type Actor, actorLabel, assertCapability } from "../access/actor.ts";
import { recordAuditEvent } from "../audit/audit.ts";
import { ConflictError, DomainError, ForbiddenError, type FieldError, ValidationError } from "../errors.ts";
import { sanitizeMessage } from "../security/sanitize.ts";
import { getVisibleRestoreRun } from "../restore/restore-queries.ts";
import { confirmRestoreRun } from "../restore/restore-wizard.ts";
import { getVisibleBaselineDeployment } from "./deployment-queries.ts";
import { deploymentView } from "./deployment-status.ts";

/** Confirmations in flight at once (each a transaction on the API's pool). */
const CONFIRM_CONCURRENCY = 4;

/**
 * Needs deployment.approve and restore.execute on every target. The requester may approve their
 * own deployment to one environment (as they could confirm that one restore themselves), never one
 * to several. Every preview must have finished without blockers; then each run is confirmed.
 */
export async function approveBaselineDeployment(db: Db, actor: Actor, input: { deploymentId: string }): Promise<BaselineDeployment> {
  const deployment = await getVisibleBaselineDeployment(db, actor, input.deploymentId);
  assertCapability(actor, deployment.workspaceId, null, "deployment.approve", "Baseline deployment");
  if (deployment.dryRun) {
    throw new ValidationError("A dry run writes nothing, so there is nothing to approve. Request a live deployment.", [
      { path: ["deploymentId"], message: "Dry run." },
    ]);
  }
  if (deployment.approvedAt) throw new ConflictError(`The deployment was already approved (${deployment.approvedAt.toISOString()}).`);
  const view = await deploymentView(db, deployment);
  const runs = view.targets.map((target) => target.restoreRun);
  if (actorLabel(actor) === deployment.requestedBy && runs.length > 1) {
    throw new ForbiddenError(
      "deployment.approve",
      `You requested this deployment to ${runs.length} environments; a second person holding deployment.approve must approve it.`,
    );
  }
  for (const run of runs) {
    // Confirming a run needs to see it whole (its source too): refuse now, not after the approval.
    await getVisibleRestoreRun(db, actor, run.id);
    assertCapability(actor, run.workspaceId, run.managedEnvironmentId, "restore.execute", "Restore run");
  }
  const previewing = view.targets.filter((target) => target.outcome === "previewing").length;
  if (previewing > 0) {
    throw new ConflictError(`${previewing} of ${runs.length} tenants are still previewing; approve when every preview has finished.`);
  }
  const refused: FieldError[] = view.targets
    .filter((target) => target.outcome !== "previewed")
    .map((target) => ({
      path: ["deploymentId"],
      message: `${target.restoreRun.targetLabel}: ${
        target.blockers.join(" ") || `the preview ended without a plan (${target.restoreRun.failureMessage ?? target.restoreRun.status}).`
      }`,
    }));
  if (refused.length > 0) {
    throw new ValidationError(
      `${refused.length} tenant(s) cannot be deployed until their blockers are resolved: ${refused.map((error) => error.message).join(" ")}`,
      refused,
    );
  }
  const approvedAt = new Date();
  await db.$transaction(async (tx) => {
    // Conditional: of two approvals at once, exactly one confirms the runs.
    const claimed = await tx.baselineDeployment.updateMany({
      where: { id: deployment.id, approvedAt: null },
      data: { approvedAt, approvedBy: actorLabel(actor), approvedByUserId: actor.kind === "user" ? actor.userId : null },
    });
    if (claimed.count === 0) throw new ConflictError("The deployment was approved meanwhile.");
    await recordAuditEvent(tx, {
      workspaceId: deployment.workspaceId,
      actor,
      action: "baseline_deployment.approved",
      targetType: "baseline_deployment",
      targetId: deployment.id,
      outcome: "success",
      metadata: { requestedBy: deployment.requestedBy, restoreRunIds: runs.map((run) => run.id) },
    });
  });
  // A few confirmations at a time: each is its own transaction, and the first tenants start
  // executing while the rest are confirmed.
  for (let start = 0; start < runs.length; start += CONFIRM_CONCURRENCY) {
    await Promise.all(runs.slice(start, start + CONFIRM_CONCURRENCY).map((run) => confirmTarget(db, actor, deployment, run)));
  }
  return db.baselineDeployment.findUniqueOrThrow({ where: { id: deployment.id } });
}

/** Confirms one tenant's run; a refusal leaves that tenant not started, with the reason audited. */
async function confirmTarget(db: Db, actor: Actor, deployment: BaselineDeployment, run: RestoreRun): Promise<void> {
  try {
    await confirmRestoreRun(
      db,
      actor,
      { restoreRunId: run.id, acknowledgeImpact: true, typedTargetName: run.targetLabel, scopeVersion: run.previewedScopeVersion },
      { deploymentApproval: true },
    );
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    // The approval stands for the others; this tenant shows as failed with the reason audited.
    await recordAuditEvent(db, {
      workspaceId: deployment.workspaceId,
      environmentId: run.managedEnvironmentId,
      actor,
      action: "baseline_deployment.target_not_started",
      targetType: "restore_run",
      targetId: run.id,
      outcome: "failure",
      metadata: { deploymentId: deployment.id, message: sanitizeMessage(error.message) },
    });
  }
}
