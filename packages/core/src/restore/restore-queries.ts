import type { Db, Prisma, RestoreRun } from "@atlas/db";
import { type Actor, assertCapability, can, visibleEnvironmentIds } from "../access/actor.ts";
import { RESTORE_RUN_SOURCE, canSeeRestoreSource, environmentScopeWhere } from "../access/visibility.ts";
import { NotFoundError } from "../errors.ts";
import { storedReconciliation } from "../reconciliation/reconcile-run.ts";
import { type RestoreCounts, type RestoreRunStatus, countOutcomes } from "./restore-status.ts";
import { type ResultAttention, resultAttention } from "./result-attention.ts";

/**
 * The restore run if the actor may see it (deleted runs are gone); NotFound otherwise. A run shows
 * its source backup's items, so the source environment must be visible too, not only the target.
 */
export async function getVisibleRestoreRun(db: Db, actor: Actor, id: string): Promise<RestoreRun> {
  const run = await db.restoreRun.findUnique({ where: { id }, include: RESTORE_RUN_SOURCE });
  if (!run || run.deletedAt || !canSeeRestoreSource(actor, run)) throw new NotFoundError("Restore run");
  assertCapability(actor, run.workspaceId, run.managedEnvironmentId, "restore.read", "Restore run");
  const { sourceBackupSet: _source, ...restoreRun } = run;
  return restoreRun;
}

/** The restore runs of a workspace the actor may see (`canSeeRestoreRun` as a filter); NotFound for a foreign workspace. */
export function visibleRestoreRunsWhere(
  actor: Actor,
  workspaceId: string,
  filter: { environmentIds?: string[] | null; statuses?: RestoreRunStatus[] | null } = {},
): Prisma.RestoreRunWhereInput {
  const scope = environmentScopeWhere(actor, workspaceId, filter.environmentIds);
  const allowed = visibleEnvironmentIds(actor, workspaceId);
  return {
    ...scope,
    // A member without restore.read sees no restore run, as canSeeRestoreRun shows none by id.
    ...(can(actor, "restore.read", { workspaceId }) ? {} : { managedEnvironmentId: { in: [] } }),
    deletedAt: null,
    // A restricted member sees only runs whose source is one of their environments too.
    ...(allowed ? { OR: [{ sourceBackupSetId: null }, { sourceBackupSet: { managedEnvironmentId: { in: allowed } } }] } : {}),
    ...(filter.statuses?.length ? { status: { in: filter.statuses } } : {}),
  };
}

/** Counts and the result view of a restore run, from its items and its operation run's proof. */
export async function restoreRunResult(db: Db, run: RestoreRun): Promise<{ counts: RestoreCounts; attention: ResultAttention }> {
  const [result] = await restoreRunResults(db, [run]);
  return result!;
}

/**
 * `restoreRunResult` of many runs (a page of the list) in two queries, whatever their number: the
 * items of all of them, and their execution runs' proofs. One result per run, in the runs' order.
 */
export async function restoreRunResults(
  db: Db,
  runs: readonly RestoreRun[],
): Promise<Array<{ counts: RestoreCounts; attention: ResultAttention }>> {
  const items = await db.restoreItem.findMany({
    where: { restoreRunId: { in: runs.map((run) => run.id) } },
    select: { restoreRunId: true, outcome: true, isFoundation: true, errorCode: true },
  });
  const executionIds = runs.map((run) => run.operationRunId).filter((id): id is string => Boolean(id));
  const executions = await db.operationRun.findMany({ where: { id: { in: executionIds } }, select: { id: true, context: true } });
  const itemsByRun = new Map<string, typeof items>();
  for (const item of items) {
    const ofRun = itemsByRun.get(item.restoreRunId);
    if (ofRun) ofRun.push(item);
    else itemsByRun.set(item.restoreRunId, [item]);
  }
  const proofByExecution = new Map(executions.map((execution) => [execution.id, storedReconciliation(execution.context)?.latest]));
  return runs.map((run) => {
    const runItems = itemsByRun.get(run.id) ?? [];
    const counts = countOutcomes(runItems);
    const latest = run.operationRunId ? proofByExecution.get(run.operationRunId) : undefined;
    const attention = resultAttention({
      status: run.status,
      dryRun: run.dryRun,
      counts,
      provenOutcome: latest?.decision === "reconciled" ? (latest.outcome ?? null) : null,
      proofGaps: latest?.proofGaps ?? [],
      itemErrorCodes: runItems.map((item) => item.errorCode).filter((code): code is string => Boolean(code)),
    });
    return { counts, attention };
  });
}
