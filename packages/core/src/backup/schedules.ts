import type { BackupSchedule, Db } from "@atlas/db";
import { Cron } from "croner";
import { type Actor, SYSTEM_ACTOR, assertCapability } from "../access/actor.ts";
import { recordAuditEvent } from "../audit/audit.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { type RetentionCandidate, retentionCandidates, setsToRemove } from "./retention.ts";
import { startBackup } from "./start-backup.ts";

export interface BackupScheduleInput {
  environmentId: string;
  enabled: boolean;
  /** Five-field cron in UTC, e.g. "0 2 * * *" (daily at 02:00). */
  cronExpression: string;
  retentionKeepLast?: number | null;
  retentionKeepDays?: number | null;
  /** Retention may also remove manual and pre-restore backups; by default it only removes the schedule's own. */
  retentionIncludesManual?: boolean | null;
}

/**
 * A schedule never fires more often than once an hour: a full capture of a large tenant takes
 * minutes under Intune's throttling, and each run's retention may remove sets.
 */
export const MIN_SCHEDULE_INTERVAL_MINUTES = 60;
/** How many upcoming runs are checked against the minimum interval. */
const INTERVAL_SAMPLE = 100;

export function nextRunAfter(cronExpression: string, after: Date): Date | null {
  return new Cron(cronExpression, { timezone: "UTC", paused: true }).nextRun(after);
}

/** The shortest gap between the expression's next runs, in minutes (Infinity when it fires at most once). */
function shortestIntervalMinutes(cronExpression: string, from: Date): number {
  const runs = new Cron(cronExpression, { timezone: "UTC", paused: true }).nextRuns(INTERVAL_SAMPLE, from);
  let shortest = Number.POSITIVE_INFINITY;
  for (let index = 1; index < runs.length; index++) {
    shortest = Math.min(shortest, ((runs[index] as Date).getTime() - (runs[index - 1] as Date).getTime()) / 60_000);
  }
  return shortest;
}

/** Refuses invalid values with their field paths; nothing is ever coerced into a valid one. */
function validate(input: BackupScheduleInput) {
  const fieldErrors: { path: string[]; message: string }[] = [];
  try {
    if (input.cronExpression.trim().split(/\s+/).length !== 5) throw new Error("five fields");
    nextRunAfter(input.cronExpression, new Date());
    if (shortestIntervalMinutes(input.cronExpression, new Date()) < MIN_SCHEDULE_INTERVAL_MINUTES) {
      fieldErrors.push({
        path: ["cronExpression"],
        message: `A backup schedule may fire at most once every ${MIN_SCHEDULE_INTERVAL_MINUTES} minutes, e.g. "0 * * * *" for hourly.`,
      });
    }
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

async function manageableEnvironment(db: Db, actor: Actor, input: BackupScheduleInput) {
  const environment = await db.managedEnvironment.findUnique({ where: { id: input.environmentId } });
  if (!environment) throw new NotFoundError("Environment");
  assertCapability(actor, environment.workspaceId, environment.id, "environments.manage", "Environment");
  validate(input);
  return environment;
}

/**
 * Dry run of a schedule's retention rule: the backup sets it would remove if it were applied now.
 * Validates exactly like saving; stores nothing.
 */
export async function previewRetention(db: Db, actor: Actor, input: BackupScheduleInput, now = new Date()): Promise<RetentionCandidate[]> {
  const environment = await manageableEnvironment(db, actor, input);
  const rule = {
    keepLast: input.retentionKeepLast,
    keepDays: input.retentionKeepDays,
    includesManual: input.retentionIncludesManual === true,
  };
  return setsToRemove(await retentionCandidates(db, environment.id), rule, now);
}

export async function setBackupSchedule(db: Db, actor: Actor, input: BackupScheduleInput, now = new Date()): Promise<BackupSchedule> {
  const environment = await manageableEnvironment(db, actor, input);
  const data = {
    enabled: input.enabled,
    cronExpression: input.cronExpression.trim(),
    nextRunAt: input.enabled ? nextRunAfter(input.cronExpression, now) : null,
    retentionKeepLast: input.retentionKeepLast ?? null,
    retentionKeepDays: input.retentionKeepDays ?? null,
    retentionIncludesManual: input.retentionIncludesManual === true,
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
      includesManual: data.retentionIncludesManual,
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
