import type { Db } from "@atlas/db";
import { SYSTEM_ACTOR } from "../access/actor.ts";
import { recordAuditEvent } from "../audit/audit.ts";

export interface RetentionRule {
  keepLast?: number | null;
  keepDays?: number | null;
}

interface Candidate {
  id: string;
  createdAt: Date;
  status: string;
  hasGaps: boolean;
}

/**
 * Which sets a rule removes. A set is kept when it is among the newest `keepLast` OR younger than
 * `keepDays`; sets still capturing, the newest completed set and the newest gap-free set are
 * always kept, so retention can never leave an environment without its last good backup.
 */
export function setsToRemove(sets: Candidate[], rule: RetentionRule, now: Date): string[] {
  if (!rule.keepLast && !rule.keepDays) return [];
  const newestFirst = [...sets].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const protectedIds = new Set<string>();
  const newestCompleted = newestFirst.find((set) => set.status === "completed");
  const newestComplete = newestFirst.find((set) => set.status === "completed" && !set.hasGaps);
  if (newestCompleted) protectedIds.add(newestCompleted.id);
  if (newestComplete) protectedIds.add(newestComplete.id);
  const cutoff = rule.keepDays ? now.getTime() - rule.keepDays * 86_400_000 : undefined;
  return newestFirst
    .filter((set, index) => {
      if (set.status === "capturing" || protectedIds.has(set.id)) return false;
      const keptByCount = rule.keepLast ? index < rule.keepLast : false;
      const keptByAge = cutoff !== undefined ? set.createdAt.getTime() >= cutoff : false;
      return !keptByCount && !keptByAge;
    })
    .map((set) => set.id);
}

/** Applies the environment's schedule retention; returns the removed backup set ids. */
export async function applyRetention(db: Db, environmentId: string, now = new Date()): Promise<string[]> {
  const schedule = await db.backupSchedule.findUnique({ where: { managedEnvironmentId: environmentId } });
  if (!schedule) return [];
  const sets = await db.backupSet.findMany({
    where: { managedEnvironmentId: environmentId },
    select: { id: true, createdAt: true, status: true, hasGaps: true },
  });
  const remove = setsToRemove(sets, { keepLast: schedule.retentionKeepLast, keepDays: schedule.retentionKeepDays }, now);
  if (remove.length === 0) return [];
  // Items go with their set; policy versions stay: they are the policy's history.
  await db.backupSet.deleteMany({ where: { id: { in: remove }, managedEnvironmentId: environmentId } });
  await recordAuditEvent(db, {
    workspaceId: schedule.workspaceId,
    environmentId,
    actor: SYSTEM_ACTOR,
    action: "backup_set.retention_removed",
    targetType: "backup_set",
    outcome: "success",
    metadata: { removed: remove, keepLast: schedule.retentionKeepLast, keepDays: schedule.retentionKeepDays },
  });
  return remove;
}
