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

/** Above this many values, sorting their runs costs less than one index scan per value. */
const MAX_SPLIT_SCANS = 20;

/**
 * The filter fields with an index in list order behind them (workspace or environment, the field,
 * then created_at and id: migrations 000009 and 000019), in the order they are split by.
 */
const SPLIT_FIELDS = ["managedEnvironmentId", "outcome", "status", "type"] as const;

/**
 * The ids of a page of runs, newest first, when the filter names several values of an indexed
 * field: several environments (a filter of the list, or a membership limited to some), outcomes,
 * statuses or types. PostgreSQL reads `field in (...)` in list order only by fetching and sorting
 * every run of those values (41 ms for three environments of 1,000 runs each); one keyset-limited
 * index scan per value reads at most a page from each, and the page is their newest. Undefined
 * when no such field names several values (or more than MAX_SPLIT_SCANS): one query serves it.
 * `take` < 0 pages backward (the runs just newer than the cursor).
 */
export async function runPageIdsBySplitFilter(
  db: Db,
  where: Prisma.OperationRunWhereInput,
  past: Prisma.OperationRunWhereInput | undefined,
  take: number,
): Promise<string[] | undefined> {
  const split = splitField(where);
  if (!split) return undefined;
  const perValue = await Promise.all(
    split.values.map((value) =>
      db.operationRun.findMany({
        where: { AND: [{ ...where, [split.field]: value }, ...(past ? [past] : [])] },
        select: { id: true, createdAt: true },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take,
      }),
    ),
  );
  const newestFirst = perValue
    .flat()
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (b.id < a.id ? -1 : b.id > a.id ? 1 : 0));
  // Forward: the newest `take` older than the cursor; backward: the oldest `-take` newer than it.
  const page = take >= 0 ? newestFirst.slice(0, take) : newestFirst.slice(take);
  return page.map((run) => run.id);
}

function splitField(where: Prisma.OperationRunWhereInput): { field: (typeof SPLIT_FIELDS)[number]; values: unknown[] } | undefined {
  for (const field of SPLIT_FIELDS) {
    const condition = where[field];
    const values = condition && typeof condition === "object" && "in" in condition ? condition.in : undefined;
    if (Array.isArray(values) && values.length >= 2 && values.length <= MAX_SPLIT_SCANS) return { field, values };
  }
  return undefined;
}
