import type { BackupSet, Db, OperationRun, RestoreRun } from "@atlas/db";
import { type Actor, assertVisible, can } from "../access/actor.ts";
import { CAPTURED_BACKUP_SETS } from "../backup/backup-queries.ts";
import { NotFoundError } from "../errors.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What an operator checks first about one tenant: the last inventory sync, the last backup (its
 * completeness comes with the set), how many finished runs still have proof gaps, and the last
 * restore (its proof comes with the restore run). A part the actor may not read is null.
 */
export interface EnvironmentDashboard {
  lastSyncRun: OperationRun | null;
  lastBackupSet: BackupSet | null;
  /** Runs of the environment whose latest reconciliation lists proof gaps; null without operations.read. */
  proofGapRunCount: number | null;
  lastRestoreRun: RestoreRun | null;
}

/**
 * Four statements of fixed shape, each served by an index on (environment, created_at) or the
 * proof-gap flag, however many runs, backups and restores the tenant has.
 */
export async function environmentDashboard(db: Db, actor: Actor, environmentId: string): Promise<EnvironmentDashboard> {
  if (!UUID.test(environmentId)) throw new NotFoundError("Environment");
  const environment = await db.managedEnvironment.findUnique({ where: { id: environmentId }, select: { id: true, workspaceId: true } });
  if (!environment) throw new NotFoundError("Environment");
  assertVisible(actor, environment.workspaceId, environment.id, "Environment");
  const scope = { workspaceId: environment.workspaceId, managedEnvironmentId: environment.id };
  const newestFirst = [{ createdAt: "desc" as const }, { id: "desc" as const }];
  const readsRuns = can(actor, "operations.read", scope);
  const [lastSyncRun, lastBackupSet, proofGapRunCount, lastRestoreRun] = await Promise.all([
    readsRuns ? db.operationRun.findFirst({ where: { ...scope, type: "inventory.sync" }, orderBy: newestFirst }) : null,
    // Backups are visible to whoever sees the environment (as in the backups list).
    db.backupSet.findFirst({ where: { ...scope, ...CAPTURED_BACKUP_SETS }, orderBy: newestFirst }),
    readsRuns ? db.operationRun.count({ where: { ...scope, hasProofGaps: true } }) : null,
    can(actor, "restore.read", scope) ? db.restoreRun.findFirst({ where: scope, orderBy: newestFirst }) : null,
  ]);
  return { lastSyncRun, lastBackupSet, proofGapRunCount, lastRestoreRun };
}
