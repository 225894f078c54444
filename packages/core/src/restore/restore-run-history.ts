import type { Db, Prisma, RestoreRunEvent } from "@atlas/db";
import type { Actor } from "../access/actor.ts";
import { RESTORE_RUN_SOURCE, canSeeRestoreRun } from "../access/visibility.ts";
import { getVisibleRestoreRun } from "./restore-queries.ts";

/** The page a connection asks for (cursor, take, skip, and the selection of the API's query). */
export type RestoreRunHistoryPage = Omit<Prisma.RestoreRunEventFindManyArgs, "where" | "orderBy">;

/**
 * A restore run's status history, oldest first: every move `transitionRestoreRun` made and every one
 * it refused. Whoever may read the run (readonly auditors too) may read its history; NotFound otherwise.
 */
export async function restoreRunHistory(
  db: Db,
  actor: Actor,
  restoreRunId: string,
  page: RestoreRunHistoryPage = {},
): Promise<RestoreRunEvent[]> {
  await getVisibleRestoreRun(db, actor, restoreRunId);
  return db.restoreRunEvent.findMany({ ...page, where: { restoreRunId }, orderBy: { id: "asc" } }) as Promise<RestoreRunEvent[]>;
}

export async function countRestoreRunHistory(db: Db, actor: Actor, restoreRunId: string): Promise<number> {
  await getVisibleRestoreRun(db, actor, restoreRunId);
  return db.restoreRunEvent.count({ where: { restoreRunId } });
}

/** Restore run events by id, only those of runs the actor may see (for `node(id:)`). */
export async function visibleRestoreRunEvents(db: Db, actor: Actor, ids: bigint[]): Promise<RestoreRunEvent[]> {
  const rows = await db.restoreRunEvent.findMany({
    where: { id: { in: ids } },
    include: { restoreRun: { select: { workspaceId: true, managedEnvironmentId: true, deletedAt: true, ...RESTORE_RUN_SOURCE } } },
  });
  return rows.filter((row) => canSeeRestoreRun(actor, row.restoreRun)).map(({ restoreRun: _run, ...event }) => event);
}
