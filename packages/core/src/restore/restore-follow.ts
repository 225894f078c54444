import type { Db, OperationRun, Prisma, RestoreRun } from "@atlas/db";
import type { Actor } from "../access/actor.ts";
import type { FinalOutcome } from "../operations/status.ts";
import { type RestoreCounts, type RestoreRunStatus, countOutcomes, finalRestoreStatus } from "./restore-status.ts";
import { transitionRestoreRunInTx } from "./restore-transition.ts";

type Tx = Prisma.TransactionClient;

const EXECUTING: RestoreRunStatus[] = ["queued", "running"];
const SWEEP_ACTOR: Actor = { kind: "system", name: "stale-sweep" };

/**
 * The final restore status that matches its execution run's final outcome. A queued restore never
 * wrote anything; a failed or blocked live run that wrote some items is partial, not failed (the
 * tenant did change); a dry run that walked every item ends as a dry run, never as `completed`.
 */
export function restoreStatusFollowing(
  outcome: FinalOutcome,
  restore: Pick<RestoreRun, "status" | "dryRun">,
  counts: RestoreCounts,
): RestoreRunStatus {
  if (outcome === "cancelled") return "cancelled";
  if (restore.status === "queued") return "failed";
  if (restore.dryRun) return outcome === "failed" ? "failed" : "dry_run_completed";
  if (outcome === "succeeded" || outcome === "partially_succeeded") return finalRestoreStatus(counts);
  return counts.succeeded + counts.partial > 0 ? "partial" : "failed";
}

/**
 * Called inside the operation run's final transition: the restore run it executes (if it is still
 * queued or running) reaches the matching final status in the same transaction, so a cancel, a
 * worker failure or the stale sweep never leaves it stuck.
 */
export async function followExecutionRunInTx(tx: Tx, run: OperationRun, actor: Actor): Promise<RestoreRun | undefined> {
  if (run.type !== "restore.execute" || run.status !== "completed" || run.outcome === "pending") return undefined;
  const restore = await tx.restoreRun.findFirst({ where: { operationRunId: run.id, status: { in: EXECUTING } } });
  if (!restore) return undefined;
  const items = await tx.restoreItem.findMany({ where: { restoreRunId: restore.id }, select: { outcome: true, isFoundation: true } });
  const counts = countOutcomes(items);
  const to = restoreStatusFollowing(run.outcome, restore, counts);
  const failure =
    run.outcome === "cancelled" || !run.failureReasonCode
      ? undefined
      : { reasonCode: run.failureReasonCode, message: run.failureMessage ?? run.failureReasonCode };
  const result = await transitionRestoreRunInTx(tx, {
    restoreRunId: restore.id,
    from: EXECUTING,
    to,
    actor,
    reasonCode: `operation_run_${run.outcome}`,
    message: `The execution run ended ${run.outcome}${run.failureReasonCode ? ` (${run.failureReasonCode})` : ""}.`,
    failure,
    data: { counts: counts as unknown as Prisma.InputJsonValue },
  });
  return result.applied ? result.run : undefined;
}

/**
 * Check and repair for the stale sweep: a restore run still queued or running while its execution
 * run is completed (written before the follower existed, or by a hand edit) is moved to the matching
 * final status. Returns the ids it repaired.
 */
export async function repairRestoreRunsOfFinishedRuns(db: Db, options: { batchSize?: number } = {}): Promise<string[]> {
  const stuck = await db.restoreRun.findMany({
    where: { status: { in: EXECUTING }, operationRun: { status: "completed" } },
    select: { operationRunId: true },
    take: options.batchSize ?? 100,
  });
  const repaired: string[] = [];
  for (const { operationRunId } of stuck) {
    if (!operationRunId) continue;
    const restore = await db.$transaction(async (tx) => {
      await tx.$queryRaw`select id from operation_runs where id = ${operationRunId}::uuid for update`;
      const run = await tx.operationRun.findUnique({ where: { id: operationRunId } });
      return run ? followExecutionRunInTx(tx, run, SWEEP_ACTOR) : undefined;
    });
    if (restore) repaired.push(restore.id);
  }
  return repaired;
}
