import type { Db, Prisma } from "@atlas/db";
import type { Actor } from "../access/actor.ts";
import { assertCapability } from "../access/actor.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { startEnvironmentOperationRun } from "../operations/start-environment-run.ts";
import type { StartRunResult } from "../operations/start-run.ts";

type Reader = Db | Prisma.TransactionClient;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The latest version of every baseline assigned to the environment, with the types they cover. */
export async function assignedBaselineVersions(db: Reader, environmentId: string): Promise<{ versionIds: string[]; types: string[] }> {
  const assignments = await db.baselineAssignment.findMany({
    where: { managedEnvironmentId: environmentId },
    select: { baseline: { select: { versions: { orderBy: { number: "desc" }, take: 1, select: { id: true } } } } },
  });
  const versionIds = assignments.flatMap((assignment) => assignment.baseline.versions.map((version) => version.id));
  const types = await db.baselineItem.findMany({
    where: { baselineVersionId: { in: versionIds } },
    distinct: ["objectType"],
    select: { objectType: true },
    orderBy: { objectType: "asc" },
  });
  return { versionIds, types: types.map((row) => row.objectType) };
}

/**
 * Starts (or joins) the drift check of one environment: it compares the live objects of the types
 * its assigned baselines cover with each baseline's latest version (needs baseline.manage). The
 * versions are fixed when the check starts, so an edit during the check waits for the next one.
 */
export async function startDriftCheck(db: Db, actor: Actor, input: { environmentId: string }): Promise<StartRunResult> {
  if (!UUID.test(input.environmentId)) throw new NotFoundError("Environment");
  const environment = await db.managedEnvironment.findUnique({ where: { id: input.environmentId }, select: { workspaceId: true } });
  if (!environment) throw new NotFoundError("Environment");
  assertCapability(actor, environment.workspaceId, input.environmentId, "baseline.manage", "Environment");
  const { versionIds, types } = await assignedBaselineVersions(db, input.environmentId);
  if (versionIds.length === 0 || types.length === 0) {
    throw new ValidationError("No baseline with objects is assigned to this environment.", [
      { path: ["environmentId"], message: "Assign a baseline first." },
    ]);
  }
  return startEnvironmentOperationRun(db, actor, {
    environmentId: input.environmentId,
    type: "drift.check",
    capability: "baseline.manage",
    targetKey: input.environmentId,
    context: { baselineVersionIds: versionIds, types },
  });
}
