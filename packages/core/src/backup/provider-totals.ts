import type { BackupSet, Db, Prisma } from "@atlas/db";
import { CAPTURED_BACKUP_SETS } from "./backup-queries.ts";
import type { BackupCaptureContext } from "./capture-context.ts";

type Reader = Db | Prisma.TransactionClient;

/** What the provider says one type of a backup set must hold, and why. */
export interface TypeExpectation {
  /** The objects the set must hold of this type. */
  expected: number;
  /** The provider's `@odata.count` minus objects confirmed deleted during the run, when it gave one. */
  reported?: number;
  /** Without a provider total: objects of the previous backup this set lacks and that nobody confirmed gone. */
  unconfirmed: string[];
}

/** Provider ids of one type in the environment's last good backup before this set (sealed, without gaps). */
export function previousCaptureIds(db: Reader, set: BackupSet, objectType: string): Promise<string[]> {
  return lastGoodCaptureIds(db, set.managedEnvironmentId, set.createdAt, objectType);
}

/** Provider ids of one type in the environment's last good backup (sealed, without gaps) made before `before`. */
export async function lastGoodCaptureIds(db: Reader, environmentId: string, before: Date, objectType: string): Promise<string[]> {
  const previous = await db.backupSet.findFirst({
    where: { managedEnvironmentId: environmentId, createdAt: { lt: before }, status: "completed", hasGaps: false, ...CAPTURED_BACKUP_SETS },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  if (!previous) return [];
  const items = await db.backupItem.findMany({ where: { backupSetId: previous.id, objectType }, select: { providerId: true } });
  return items.map((item) => item.providerId);
}

/**
 * The totals a backup is proven against, from the provider's own word, never from what the job
 * counted: the `@odata.count` it reported (less objects GET by id confirmed deleted meanwhile); where
 * it gave no total, what the listing returned plus every object of the previous backup that this
 * set lacks and that was not confirmed gone (an empty or short answer is a gap until confirmed).
 */
export async function expectedTotals(db: Reader, set: BackupSet, capture: BackupCaptureContext): Promise<Record<string, TypeExpectation>> {
  const items = await db.backupItem.findMany({ where: { backupSetId: set.id }, select: { objectType: true, providerId: true } });
  const result: Record<string, TypeExpectation> = {};
  for (const type of capture.types) {
    const listed = capture.providerTotals[type];
    if (listed === undefined) continue;
    const gone = new Set(capture.confirmedGone[type] ?? []);
    const reportedCount = capture.reportedCounts[type];
    if (reportedCount !== undefined) {
      const reported = Math.max(0, reportedCount - gone.size);
      result[type] = { expected: Math.max(reported, listed), reported, unconfirmed: [] };
      continue;
    }
    const held = new Set(items.filter((item) => item.objectType === type).map((item) => item.providerId));
    const unconfirmed = (await previousCaptureIds(db, set, type)).filter((id) => !held.has(id) && !gone.has(id));
    result[type] = { expected: listed + unconfirmed.length, unconfirmed };
  }
  return result;
}

/** The expected totals as the flat map the completeness record is built from. */
export function expectedCounts(expectations: Record<string, TypeExpectation>): Record<string, number> {
  return Object.fromEntries(Object.entries(expectations).map(([type, expectation]) => [type, expectation.expected]));
}
