import type { Prisma } from "@atlas/db";
import { type Actor, assertVisible, can, visibleEnvironmentIds } from "../access/actor.ts";
import { ForbiddenError } from "../errors.ts";

export interface DriftFindingFilter {
  environmentIds?: readonly string[] | null;
  baselineIds?: readonly string[] | null;
  states?: readonly string[] | null;
  kinds?: readonly string[] | null;
}

/**
 * The drift findings of a workspace the actor may read (NotFound for a workspace they are not in),
 * within their environment restriction, narrowed by the filter (an empty list narrows to nothing).
 */
export function visibleDriftFindingsWhere(
  actor: Actor,
  workspaceId: string,
  filter: DriftFindingFilter = {},
): Prisma.DriftFindingWhereInput {
  assertVisible(actor, workspaceId, null, "Workspace");
  if (!can(actor, "baseline.read", { workspaceId })) throw new ForbiddenError("baseline.read");
  const restricted = visibleEnvironmentIds(actor, workspaceId);
  const where: Prisma.DriftFindingWhereInput[] = [{ workspaceId }];
  if (restricted) where.push({ managedEnvironmentId: { in: restricted } });
  if (filter.environmentIds) where.push({ managedEnvironmentId: { in: [...filter.environmentIds] } });
  if (filter.baselineIds) where.push({ baselineId: { in: [...filter.baselineIds] } });
  if (filter.states) where.push({ state: { in: [...filter.states] } });
  if (filter.kinds) where.push({ kind: { in: [...filter.kinds] } });
  return { AND: where };
}
