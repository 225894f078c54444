import type { OperationRun, Prisma } from "@atlas/db";
import { computeCompleteness } from "./backup-store.ts";
import { readRunContext } from "../operations/run-context.ts";
import { expectedCounts, expectedTotals } from "./provider-totals.ts";

type Tx = Prisma.TransactionClient;

/**
 * A backup set follows its run. When a backup run reaches a final state while its set is still
 * capturing (the job failed, was cancelled, or the sweep gave up on it), the set becomes `partial`
 * when it kept captured objects and `failed` when it holds none, with the completeness record of
 * what it does hold. The run's one status writer calls this inside the transaction of the final
 * transition; the stale sweep calls it for sets an older version left behind. A sealed
 * (`completed`) set is never touched. Returns true when it settled the set.
 */
export async function settleBackupSetOfRun(tx: Tx, run: OperationRun): Promise<boolean> {
  if (run.type !== "backup.capture" || run.status !== "completed") return false;
  const set = await tx.backupSet.findFirst({ where: { operationRunId: run.id, status: "capturing" } });
  if (!set) return false;
  const totals = expectedCounts(await expectedTotals(tx, set, readRunContext("backup.capture", run.context)));
  const completeness = await computeCompleteness(tx, set.id, totals);
  const itemCount = Object.values(completeness).reduce((sum, entry) => sum + entry.captured, 0);
  const settled = await tx.backupSet.updateMany({
    where: { id: set.id, status: "capturing" },
    data: {
      status: itemCount > 0 ? "partial" : "failed",
      completeness: completeness as unknown as Prisma.InputJsonValue,
      itemCount,
      // Capture never finished: whatever the items show, the set cannot prove it is whole.
      hasGaps: true,
      completedAt: run.completedAt ?? new Date(),
    },
  });
  return settled.count === 1;
}
