// Acting on drift: accepting the tenant's value for a tenant, or reverting the objects to the
// baseline through a restore run that goes through the wizard's checks, preview and confirmation.

import type { Db, DriftFinding, Prisma, RestoreRun } from "@atlas/db";
import { type Actor, actorLabel, assertCapability, canSeeEnvironment, grantFor } from "../access/actor.ts";
import { recordAuditEvent } from "../audit/audit.ts";
import type { BaselineItemSource } from "../baselines/baseline-items.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { createRestoreRun, setRestoreScope } from "../restore/restore-wizard.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_FINDINGS = 200;
const MAX_REASON = 1000;

/** The findings, each visible to the actor (missing otherwise) and actable with the capability. */
async function actableFindings(db: Db, actor: Actor, findingIds: readonly string[], capability: "baseline.manage" | "restore.preview") {
  const ids = [...new Set(findingIds)];
  if (ids.length === 0 || ids.length > MAX_FINDINGS) {
    throw new ValidationError(`Choose 1 to ${MAX_FINDINGS} findings.`, [{ path: ["findingIds"], message: `${ids.length} given.` }]);
  }
  if (ids.some((id) => !UUID.test(id))) throw new NotFoundError("Drift finding");
  const findings = await db.driftFinding.findMany({ where: { id: { in: ids } }, orderBy: [{ objectType: "asc" }, { displayName: "asc" }] });
  const visible = findings.filter((f) => grantFor(actor, f.workspaceId) && canSeeEnvironment(actor, f.workspaceId, f.managedEnvironmentId));
  if (visible.length !== ids.length) throw new NotFoundError("Drift finding");
  for (const finding of visible) assertCapability(actor, finding.workspaceId, finding.managedEnvironmentId, capability, "Drift finding");
  const closed = visible.findIndex((finding) => finding.state !== "OPEN");
  if (closed >= 0) {
    throw new ValidationError("Only open findings can be accepted or reverted.", [
      { path: ["findingIds", String(ids.indexOf(visible[closed]!.id))], message: `This finding is ${visible[closed]!.state}.` },
    ]);
  }
  return visible;
}

function audit(tx: Prisma.TransactionClient, actor: Actor, finding: DriftFinding, action: string, metadata: Record<string, unknown>) {
  return recordAuditEvent(tx, {
    workspaceId: finding.workspaceId,
    environmentId: finding.managedEnvironmentId,
    actor,
    action,
    targetType: "drift_finding",
    targetId: finding.id,
    outcome: "success",
    metadata: { kind: finding.kind, objectType: finding.objectType, displayName: finding.displayName, ...metadata },
  });
}

/**
 * The tenant's value becomes the accepted state of the object for this tenant and baseline: later
 * checks compare against it (a changed object) or leave the accepted absence or presence alone.
 * Audited per finding with who and why (needs baseline.manage).
 */
export async function acceptDrift(db: Db, actor: Actor, input: { findingIds: readonly string[]; reason: string }): Promise<DriftFinding[]> {
  const reason = input.reason.trim();
  if (reason.length === 0 || reason.length > MAX_REASON) {
    throw new ValidationError("Say why the tenant's value is accepted.", [{ path: ["reason"], message: `1 to ${MAX_REASON} characters.` }]);
  }
  const findings = await actableFindings(db, actor, input.findingIds, "baseline.manage");
  const by = actorLabel(actor);
  const actedAt = new Date();
  return db.$transaction(async (tx) => {
    const accepted: DriftFinding[] = [];
    for (const finding of findings) {
      const object = {
        managedEnvironmentId: finding.managedEnvironmentId,
        baselineId: finding.baselineId,
        objectType: finding.objectType,
        displayName: finding.displayName,
      };
      const state = {
        kind: finding.kind,
        acceptedPayload: (finding.actualPayload ?? undefined) as Prisma.InputJsonValue | undefined,
        findingId: finding.id,
        acceptedBy: by,
        reason,
        acceptedAt: actedAt,
      };
      await tx.driftAcceptance.upsert({
        where: { managedEnvironmentId_baselineId_objectType_displayName: object },
        create: { ...object, ...state, workspaceId: finding.workspaceId },
        update: state,
      });
      accepted.push(
        await tx.driftFinding.update({
          where: { id: finding.id },
          data: { state: "ACCEPTED", actedBy: by, reason, actedAt, updatedAt: actedAt },
        }),
      );
      await audit(tx, actor, finding, "drift.accept", { reason });
    }
    return accepted;
  });
}

/**
 * Opens a restore run that puts exactly these objects back as the baseline holds them: source the
 * backup the baseline was made from, scope its items of these objects, configuration only (the
 * check compares configuration). The run then needs the wizard's preview and typed confirmation
 * like any restore. Findings of one environment whose baseline items came from one backup only.
 */
export async function revertDrift(
  db: Db,
  actor: Actor,
  input: { findingIds: readonly string[] },
): Promise<{ restoreRun: RestoreRun; findings: DriftFinding[] }> {
  const findings = await actableFindings(db, actor, input.findingIds, "restore.preview");
  const environments = new Set(findings.map((finding) => finding.managedEnvironmentId));
  if (environments.size > 1) {
    throw new ValidationError("A revert restores into one environment; choose findings of one.", [
      { path: ["findingIds"], message: `${environments.size} environments.` },
    ]);
  }
  const items = await db.baselineItem.findMany({ where: { id: { in: findings.map((finding) => finding.baselineItemId ?? "") } } });
  const sources = findings.map(
    (finding) => items.find((item) => item.id === finding.baselineItemId)?.source as BaselineItemSource | undefined,
  );
  const unrestorable = findings.findIndex(
    (finding, index) => !["CHANGED", "MISSING"].includes(finding.kind) || sources[index]?.kind !== "backup",
  );
  if (unrestorable >= 0) {
    throw new ValidationError("Only changed or missing objects of a baseline made from a backup can be reverted.", [
      {
        path: ["findingIds", String(unrestorable)],
        message: `${findings[unrestorable]!.kind} finding of "${findings[unrestorable]!.displayName}".`,
      },
    ]);
  }
  const backups = sources.map((source) => source as Extract<BaselineItemSource, { kind: "backup" }>);
  const setIds = new Set(backups.map((source) => source.backupSetId));
  if (setIds.size > 1) {
    throw new ValidationError("The chosen findings come from baselines of different backups; revert them separately.", [
      { path: ["findingIds"], message: `${setIds.size} backups.` },
    ]);
  }
  const created = await createRestoreRun(db, actor, {
    backupSetId: backups[0]!.backupSetId,
    environmentId: findings[0]!.managedEnvironmentId,
    dryRun: false,
  });
  const restoreRun = await setRestoreScope(db, actor, {
    restoreRunId: created.id,
    backupItemIds: backups.map((source) => source.backupItemId),
    mode: "without_assignments",
  });
  const by = actorLabel(actor);
  const actedAt = new Date();
  const reverted = await db.$transaction(async (tx) => {
    const updated: DriftFinding[] = [];
    for (const finding of findings) {
      updated.push(
        await tx.driftFinding.update({
          where: { id: finding.id },
          data: { state: "REVERTED", restoreRunId: restoreRun.id, actedBy: by, actedAt, updatedAt: actedAt },
        }),
      );
      await audit(tx, actor, finding, "drift.revert", { restoreRunId: restoreRun.id });
    }
    return updated;
  });
  return { restoreRun, findings: reverted };
}
