import type { Db, OperationRun, Prisma } from "@atlas/db";
import { type Actor, can } from "../access/actor.ts";
import { environmentScopeWhere } from "../access/visibility.ts";
import { NotFoundError } from "../errors.ts";
import type { RunOutcome, RunStatus } from "./status.ts";

export interface RunFilter {
  environmentIds?: string[] | null;
  types?: string[] | null;
  statuses?: RunStatus[] | null;
  outcomes?: RunOutcome[] | null;
  hasProofGaps?: boolean | null;
  createdAfter?: Date | null;
  createdBefore?: Date | null;
}

/** The run if the actor may see it; NotFound otherwise, exactly as for an unknown id. */
export async function getVisibleRun(db: Db, actor: Actor, runId: string): Promise<OperationRun> {
  const run = await db.operationRun.findUnique({ where: { id: runId } });
  if (!run || !can(actor, "operations.read", run)) throw new NotFoundError("Operation run");
  return run;
}

/** A Prisma filter limited to what the actor can see; throws NotFound for a foreign workspace. */
export function visibleRunsWhere(actor: Actor, workspaceId: string, filter: RunFilter = {}): Prisma.OperationRunWhereInput {
  return {
    ...environmentScopeWhere(actor, workspaceId, filter.environmentIds),
    ...(filter.types?.length ? { type: { in: filter.types } } : {}),
    ...(filter.statuses?.length ? { status: { in: filter.statuses } } : {}),
    ...(filter.outcomes?.length ? { outcome: { in: filter.outcomes } } : {}),
    ...(typeof filter.hasProofGaps === "boolean" ? { hasProofGaps: filter.hasProofGaps } : {}),
    ...(filter.createdAfter || filter.createdBefore
      ? {
          createdAt: {
            ...(filter.createdAfter ? { gt: filter.createdAfter } : {}),
            ...(filter.createdBefore ? { lt: filter.createdBefore } : {}),
          },
        }
      : {}),
  };
}

/** Whether a run belongs to the (workspace, environments) a live subscriber watches. */
export function runMatchesSubscription(actor: Actor, run: OperationRun, workspaceId: string, environmentIds?: string[] | null): boolean {
  if (run.workspaceId !== workspaceId || !can(actor, "operations.read", run)) return false;
  return !environmentIds?.length || (run.managedEnvironmentId !== null && environmentIds.includes(run.managedEnvironmentId));
}
