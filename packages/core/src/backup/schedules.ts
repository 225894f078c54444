import type { BackupSchedule, Db } from "@atlas/db";
import { Cron } from "croner";
import { type Actor, SYSTEM_ACTOR, assertCapability } from "../access/actor.ts";
import { recordAuditEvent } from "../audit/audit.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { startBackup } from "./start-backup.ts";

export interface BackupScheduleInput {
  environmentId: string;
  enabled: boolean;
  /** Five-field cron in UTC, e.g. "0 2 * * *" (daily at 02:00). */
  cronExpression: string;
  retentionKeepLast?: number | null;
  retentionKeepDays?: number | null;
}

export function nextRunAfter(cronExpression: string, after: Date): Date | null {
  return new Cron(cronExpression, { timezone: "UTC", paused: true }).nextRun(after);
}

function validate(input: BackupScheduleInput) {
  const fieldErrors: { path: string[]; message: string }[] = [];
  try {
    if (input.cronExpression.trim().split(/\s+/).length !== 5) throw new Error("five fields");
    nextRunAfter(input.cronExpression, new Date());
  } catch {
    fieldErrors.push({ path: ["cronExpression"], message: 'Use five cron fields in UTC, e.g. "0 2 * * *" for daily at 02:00.' });
  }
  for (const key of ["retentionKeepLast", "retentionKeepDays"] as const) {
    const value = input[key];
    if (value !== null && value !== undefined && (!Number.isInteger(value) || value < 1 || value > 3650)) {
      fieldErrors.push({ path: [key], message: "Use a whole number from 1 to 3650, or leave it empty." });
    }
  }
  if (fieldErrors.length > 0) throw new ValidationError("The backup schedule could not be saved.", fieldErrors);
}

export async function setBackupSchedule(db: Db, actor: Actor, input: BackupScheduleInput, now = new Date()): Promise<BackupSchedule> {
  const environment = await db.managedEnvironment.findUnique({ where: { id: input.environmentId } });
  if (!environment) throw new NotFoundError("Environment");
  assertCapability(actor, environment.workspaceId, environment.id, "environments.manage", "Environment");
  validate(input);
  const data = {
    enabled: input.enabled,
    cronExpression: input.cronExpression.trim(),
    nextRunAt: input.enabled ? nextRunAfter(input.cronExpression, now) : null,
    retentionKeepLast: input.retentionKeepLast ?? null,
    retentionKeepDays: input.retentionKeepDays ?? null,
    updatedAt: now,
  };
  const schedule = await db.backupSchedule.upsert({
    where: { managedEnvironmentId: environment.id },
    create: { workspaceId: environment.workspaceId, managedEnvironmentId: environment.id, ...data },
    update: data,
  });
  await recordAuditEvent(db, {
    workspaceId: environment.workspaceId,
    environmentId: environment.id,
    actor,
    action: "backup_schedule.saved",
    targetType: "backup_schedule",
    targetId: schedule.id,
    outcome: "success",
    metadata: {
      cronExpression: data.cronExpression,
      enabled: data.enabled,
      keepLast: data.retentionKeepLast,
      keepDays: data.retentionKeepDays,
    },
  });
  return schedule;
}

/**
 * Starts a backup for every schedule that is due. Each schedule is claimed by moving its
 * next_run_at with a conditional update, so several workers ticking at once start it once.
 */
export async function fireDueSchedules(db: Db, now = new Date()): Promise<string[]> {
  const due = await db.backupSchedule.findMany({ where: { enabled: true, nextRunAt: { lte: now } }, take: 100 });
  const started: string[] = [];
  for (const schedule of due) {
    const claimed = await db.backupSchedule.updateMany({
      where: { id: schedule.id, nextRunAt: schedule.nextRunAt },
      data: { nextRunAt: nextRunAfter(schedule.cronExpression, now), lastRunAt: now },
    });
    if (claimed.count !== 1) continue;
    const { run } = await startBackup(db, SYSTEM_ACTOR, { environmentId: schedule.managedEnvironmentId, trigger: "schedule" });
    started.push(run.id);
  }
  return started;
}
