import type { BackupTrigger, Db } from "@atlas/db";
import { SYSTEM_ACTOR } from "../access/actor.ts";
import { recordAuditEvent } from "../audit/audit.ts";
import { notifyBackupSetsRemoved } from "../notifications/notifications.ts";
import { CAPTURED_BACKUP_SETS } from "./backup-queries.ts";

export interface RetentionRule {
  keepLast?: number | null;
  keepDays?: number | null;
  /** Manual and pre-restore sets are governed too; otherwise the rule only touches sets its schedule made. */
  includesManual?: boolean;
}

export interface RetentionCandidate {
  id: string;
  name: string;
  createdAt: Date;
  status: string;
  hasGaps: boolean;
  trigger: BackupTrigger;
}

/**
 * Which sets a rule removes. It governs the sets its own schedule made (and manual and pre-restore
 * sets only when it explicitly includes them); among those, a set is kept when it is among the
 * newest `keepLast` OR younger than `keepDays`. Sets still capturing, the environment's newest
 * completed set and its newest gap-free set are always kept, so retention can never leave an
 * environment without its last good backup.
 */
export function setsToRemove<T extends Omit<RetentionCandidate, "name">>(sets: T[], rule: RetentionRule, now: Date): T[] {
  if (!rule.keepLast && !rule.keepDays) return [];
  const newestFirst = [...sets].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const protectedIds = new Set<string>();
  const newestCompleted = newestFirst.find((set) => set.status === "completed");
  const newestComplete = newestFirst.find((set) => set.status === "completed" && !set.hasGaps);
  if (newestCompleted) protectedIds.add(newestCompleted.id);
  if (newestComplete) protectedIds.add(newestComplete.id);
  const cutoff = rule.keepDays ? now.getTime() - rule.keepDays * 86_400_000 : undefined;
  return newestFirst
    .filter((set) => set.trigger === "schedule" || rule.includesManual === true)
    .filter((set, index) => {
      if (set.status === "capturing" || protectedIds.has(set.id)) return false;
      const keptByCount = rule.keepLast ? index < rule.keepLast : false;
      const keptByAge = cutoff !== undefined ? set.createdAt.getTime() >= cutoff : false;
      return !keptByCount && !keptByAge;
    });
}

/**
 * The environment's sets as retention sees them. A deployment's baseline set is none of them: it
 * would otherwise count as the "newest completed" set that protects the last real backup.
 */
export function retentionCandidates(db: Db, environmentId: string): Promise<RetentionCandidate[]> {
  return db.backupSet.findMany({
    where: { managedEnvironmentId: environmentId, ...CAPTURED_BACKUP_SETS },
    select: { id: true, name: true, createdAt: true, status: true, hasGaps: true, trigger: true },
  });
}

/**
 * Applies the environment's schedule retention; returns the removed backup set ids. Each removal
 * is its own audit event, and the environment's managers are notified of what was removed.
 */
export async function applyRetention(db: Db, environmentId: string, now = new Date()): Promise<string[]> {
  const schedule = await db.backupSchedule.findUnique({ where: { managedEnvironmentId: environmentId } });
  if (!schedule) return [];
  const rule = {
    keepLast: schedule.retentionKeepLast,
    keepDays: schedule.retentionKeepDays,
    includesManual: schedule.retentionIncludesManual,
  };
  const remove = setsToRemove(await retentionCandidates(db, environmentId), rule, now);
  if (remove.length === 0) return [];
  await db.$transaction(async (tx) => {
    // Items go with their set; policy versions stay: they are the policy's history.
    await tx.backupSet.deleteMany({ where: { id: { in: remove.map((set) => set.id) }, managedEnvironmentId: environmentId } });
    for (const set of remove) {
      await recordAuditEvent(tx, {
        workspaceId: schedule.workspaceId,
        environmentId,
        actor: SYSTEM_ACTOR,
        action: "backup_set.retention_removed",
        targetType: "backup_set",
        targetId: set.id,
        outcome: "success",
        metadata: { name: set.name, trigger: set.trigger, createdAt: set.createdAt.toISOString(), ...rule },
      });
    }
    await notifyBackupSetsRemoved(tx, { workspaceId: schedule.workspaceId, environmentId, names: remove.map((set) => set.name) });
  });
  return remove.map((set) => set.id);
}
