import type { Db, EnvironmentReview } from "@atlas/db";
import type { Actor } from "../access/actor.ts";
import { ValidationError } from "../errors.ts";
import { getVisibleReview } from "./review-lifecycle.ts";
import { type ReviewPolicyChange, type ReviewSections, diffBackupSets, reviewCounts } from "./review-sections.ts";

type BackupRow = ReviewSections["backup"]["rows"][number];

/** One object type's backup completeness in a review (null: the type was not in that review's backup). */
export interface BackupCompleteness {
  providerTotal: number;
  captured: number;
  gaps: number;
  complete: boolean;
}

/**
 * Two reviews of one environment side by side: the counts of both, and only what differs between
 * them (types whose inventory count moved, types whose backup completeness moved, and the policies
 * whose settings differ between the two reviews' backups, from the left one to the right one).
 */
export interface ReviewComparison {
  left: EnvironmentReview;
  right: EnvironmentReview;
  counts: { key: string; left: number; right: number }[];
  inventory: { objectType: string; left: number; right: number }[];
  backup: { objectType: string; left: BackupCompleteness | null; right: BackupCompleteness | null }[];
  policies: ReviewPolicyChange[];
}

const sectionsOf = (review: EnvironmentReview) => review.sections as unknown as Partial<ReviewSections>;

function completenessOf(row: BackupRow | undefined): BackupCompleteness | null {
  if (!row) return null;
  const gaps = row.gaps.length + Math.max(0, row.providerTotal - row.captured);
  return { providerTotal: row.providerTotal, captured: row.captured, gaps, complete: gaps === 0 };
}

const sameCompleteness = (a: BackupCompleteness | null, b: BackupCompleteness | null) =>
  a?.providerTotal === b?.providerTotal && a?.captured === b?.captured && a?.gaps === b?.gaps;

const typesOf = (...lists: { objectType: string }[][]) => [...new Set(lists.flat().map((row) => row.objectType))].sort();

/**
 * Compares two reviews the actor may read (NotFound otherwise, as for any review of another
 * workspace). Both must belong to one environment: reviews of two tenants are not comparable.
 * Reads stored records only.
 */
export async function compareEnvironmentReviews(db: Db, actor: Actor, leftId: string, rightId: string): Promise<ReviewComparison> {
  const left = await getVisibleReview(db, actor, leftId);
  const right = await getVisibleReview(db, actor, rightId);
  if (left.managedEnvironmentId !== right.managedEnvironmentId)
    throw new ValidationError("Only two reviews of the same environment can be compared.", [
      { path: ["rightId"], message: "This review belongs to another environment." },
    ]);
  const [a, b] = [sectionsOf(left), sectionsOf(right)];
  const rightCounts = new Map(reviewCounts(b).map((entry) => [entry.key, entry.value]));
  const counts = reviewCounts(a).map((entry) => ({ key: entry.key, left: entry.value, right: rightCounts.get(entry.key) ?? 0 }));

  const leftInventory = a.inventory?.rows ?? [];
  const rightInventory = b.inventory?.rows ?? [];
  const inventoryOf = (rows: typeof leftInventory, type: string) => rows.find((row) => row.objectType === type)?.inventory ?? 0;
  const inventory = typesOf(leftInventory, rightInventory)
    .map((objectType) => ({ objectType, left: inventoryOf(leftInventory, objectType), right: inventoryOf(rightInventory, objectType) }))
    .filter((row) => row.left !== row.right);

  const leftBackup = a.backup?.rows ?? [];
  const rightBackup = b.backup?.rows ?? [];
  const backup = typesOf(leftBackup, rightBackup)
    .map((objectType) => ({
      objectType,
      left: completenessOf(leftBackup.find((row) => row.objectType === objectType)),
      right: completenessOf(rightBackup.find((row) => row.objectType === objectType)),
    }))
    .filter((row) => !sameCompleteness(row.left, row.right));

  const leftSetId = a.backup?.backupSetId ?? null;
  const rightSetId = b.backup?.backupSetId ?? null;
  const policies = leftSetId && rightSetId ? await diffBackupSets(db, leftSetId, rightSetId) : [];
  return { left, right, counts, inventory, backup, policies };
}
