// Which environments follow which baselines (many to many). Environments are checked like every
// other reference: one of another workspace, or outside the actor's environment restriction, is
// answered as missing, and nothing is written.

import type { Baseline, Db, Prisma } from "@atlas/db";
import { type Actor, actorLabel, assertCapability, canSeeEnvironment } from "../access/actor.ts";
import { recordAuditEvent } from "../audit/audit.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { getVisibleBaseline } from "./baseline-service.ts";

type Tx = Prisma.TransactionClient;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_ENVIRONMENTS = 500;

export interface BaselineAssignmentInput {
  baselineId: string;
  environmentIds: readonly string[];
}

async function checkedTargets(
  db: Db,
  actor: Actor,
  input: BaselineAssignmentInput,
): Promise<{ baseline: Baseline; environmentIds: string[] }> {
  const baseline = await getVisibleBaseline(db, actor, input.baselineId);
  assertCapability(actor, baseline.workspaceId, null, "baseline.manage", "Baseline");
  const environmentIds = [...new Set(input.environmentIds)];
  if (environmentIds.length === 0 || environmentIds.length > MAX_ENVIRONMENTS) {
    throw new ValidationError(`Choose 1 to ${MAX_ENVIRONMENTS} environments.`, [
      { path: ["environmentIds"], message: `${environmentIds.length} given.` },
    ]);
  }
  const found = await db.managedEnvironment.findMany({
    where: { id: { in: environmentIds.filter((id) => UUID.test(id)) }, workspaceId: baseline.workspaceId },
    select: { id: true },
  });
  const known = new Set(found.map((environment) => environment.id).filter((id) => canSeeEnvironment(actor, baseline.workspaceId, id)));
  if (environmentIds.some((id) => !known.has(id))) throw new NotFoundError("Environment");
  for (const id of environmentIds) assertCapability(actor, baseline.workspaceId, id, "baseline.manage", "Environment");
  return { baseline, environmentIds };
}

function auditAssignment(tx: Tx, actor: Actor, baseline: Baseline, action: string, metadata: Record<string, unknown>) {
  return recordAuditEvent(tx, {
    workspaceId: baseline.workspaceId,
    actor,
    action,
    targetType: "baseline",
    targetId: baseline.id,
    outcome: "success",
    metadata: { name: baseline.name, ...metadata },
  });
}

/** Assigns the baseline to the environments; already assigned ones stay as they are. */
export async function assignBaseline(db: Db, actor: Actor, input: BaselineAssignmentInput): Promise<Baseline> {
  const { baseline, environmentIds } = await checkedTargets(db, actor, input);
  await db.$transaction(async (tx) => {
    const created = await tx.baselineAssignment.createMany({
      data: environmentIds.map((managedEnvironmentId) => ({
        baselineId: baseline.id,
        managedEnvironmentId,
        workspaceId: baseline.workspaceId,
        assignedBy: actorLabel(actor),
      })),
      skipDuplicates: true,
    });
    await auditAssignment(tx, actor, baseline, "baseline.assign", { environmentIds, newlyAssigned: created.count });
  });
  return baseline;
}

/** Ends the baseline's assignment to the environments; ones not assigned are no error. */
export async function unassignBaseline(db: Db, actor: Actor, input: BaselineAssignmentInput): Promise<Baseline> {
  const { baseline, environmentIds } = await checkedTargets(db, actor, input);
  await db.$transaction(async (tx) => {
    const removed = await tx.baselineAssignment.deleteMany({
      where: { baselineId: baseline.id, managedEnvironmentId: { in: environmentIds } },
    });
    await auditAssignment(tx, actor, baseline, "baseline.unassign", { environmentIds, removed: removed.count });
  });
  return baseline;
}
