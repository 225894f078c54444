import type { BackupSet, Db } from "@atlas/db";
import { type Actor, assertVisible } from "../access/actor.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { type ReviewPolicyChange, diffBackupSets } from "../reviews/review-sections.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface BackupSetComparison {
  /** The older of the two sets, whichever order they were asked in. */
  earlier: BackupSet;
  later: BackupSet;
  /** Policies added, removed or changed from the earlier set to the later, with setting-level differences. */
  changes: ReviewPolicyChange[];
}

async function visibleSet(db: Db, actor: Actor, id: string, path: string): Promise<BackupSet> {
  const set = UUID.test(id) ? await db.backupSet.findUnique({ where: { id } }) : null;
  if (!set) throw new NotFoundError(`Backup set (${path})`);
  assertVisible(actor, set.workspaceId, set.managedEnvironmentId, `Backup set (${path})`);
  return set;
}

/**
 * Any two finished backups of one tenant side by side, through the same diff the environment
 * reviews use. Sets of different tenants are refused: their policies share no identity.
 */
export async function compareBackupSets(db: Db, actor: Actor, leftId: string, rightId: string): Promise<BackupSetComparison> {
  const [left, right] = await Promise.all([visibleSet(db, actor, leftId, "leftId"), visibleSet(db, actor, rightId, "rightId")]);
  if (left.managedEnvironmentId !== right.managedEnvironmentId) {
    throw new ValidationError("Only backups of the same environment can be compared.", [
      { path: ["rightId"], message: "Choose a backup of the same environment as the first one." },
    ]);
  }
  for (const [set, path] of [
    [left, "leftId"],
    [right, "rightId"],
  ] as const) {
    if (set.status === "capturing") {
      throw new ValidationError("A backup that is still capturing cannot be compared yet.", [
        { path: [path], message: "Wait until the backup has finished." },
      ]);
    }
  }
  const [earlier, later] = left.createdAt <= right.createdAt ? [left, right] : [right, left];
  return { earlier, later, changes: await diffBackupSets(db, earlier.id, later.id) };
}
