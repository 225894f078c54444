// Reading baseline deployments. A deployment reaches into several tenants: a member sees it only
// when they may read baselines and see every environment it targets (a member limited to some
// environments would otherwise learn of, or act on, tenants outside their scope).

import type { BaselineDeployment, Db, Prisma } from "@atlas/db";
import { type Actor, assertVisible, can, visibleEnvironmentIds } from "../access/actor.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function targetsVisibleWhere(actor: Actor, workspaceId: string): Prisma.BaselineDeploymentWhereInput {
  const allowed = visibleEnvironmentIds(actor, workspaceId);
  return allowed ? { restoreRuns: { every: { managedEnvironmentId: { in: allowed } } } } : {};
}

/** The deployments of a workspace the actor may read (NotFound for a workspace they are not in). */
export function visibleBaselineDeploymentsWhere(actor: Actor, workspaceId: string): Prisma.BaselineDeploymentWhereInput {
  assertVisible(actor, workspaceId, null, "Workspace");
  if (!can(actor, "baseline.read", { workspaceId })) throw new ForbiddenError("baseline.read");
  return { workspaceId, ...targetsVisibleWhere(actor, workspaceId) };
}

/** The deployment if the actor may read it; NotFound otherwise, exactly as for an unknown id. */
export async function getVisibleBaselineDeployment(db: Db, actor: Actor, deploymentId: string): Promise<BaselineDeployment> {
  const deployment = UUID.test(deploymentId) ? await db.baselineDeployment.findUnique({ where: { id: deploymentId } }) : null;
  if (!deployment || !can(actor, "baseline.read", deployment)) throw new NotFoundError("Baseline deployment");
  const visible = await db.baselineDeployment.count({
    where: { id: deployment.id, ...targetsVisibleWhere(actor, deployment.workspaceId) },
  });
  if (visible === 0) throw new NotFoundError("Baseline deployment");
  return deployment;
}

/** Who an actor label names, for display: the user's or token's name; null when it is gone. */
export async function actorNameOf(db: Db, label: string | null): Promise<string | null> {
  if (!label) return null;
  const [kind, id] = label.split(":");
  if (!id || !UUID.test(id)) return kind === "system" ? label : null;
  if (kind === "user") return (await db.user.findUnique({ where: { id }, select: { displayName: true } }))?.displayName ?? null;
  if (kind === "token") return (await db.apiToken.findUnique({ where: { id }, select: { name: true } }))?.name ?? null;
  return null;
}
