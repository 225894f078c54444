import type { Db, ReviewSchedule } from "@atlas/db";
import { type Actor, SYSTEM_ACTOR, assertCapability } from "../access/actor.ts";
import { recordAuditEvent } from "../audit/audit.ts";
import { nextRunAfter } from "../backup/schedules.ts";
import { ValidationError } from "../errors.ts";
import { startOperationRun } from "../operations/start-run.ts";

export interface ReviewScheduleInput {
  workspaceId: string;
  enabled: boolean;
  /** 1 to 28, so every month has the day. */
  dayOfMonth: number;
  /** 0 to 23, UTC. */
  hourUtc: number;
}

export function nextReviewRunAfter(schedule: Pick<ReviewSchedule, "dayOfMonth" | "hourUtc">, after: Date): Date | null {
  return nextRunAfter(`0 ${schedule.hourUtc} ${schedule.dayOfMonth} * *`, after);
}

/** Saves the workspace's monthly review schedule (needs workspace.manage); invalid values are refused, never adjusted. */
export async function setReviewSchedule(db: Db, actor: Actor, input: ReviewScheduleInput): Promise<ReviewSchedule> {
  assertCapability(actor, input.workspaceId, null, "workspace.manage", "Workspace");
  const fieldErrors: { path: string[]; message: string }[] = [];
  if (!Number.isInteger(input.dayOfMonth) || input.dayOfMonth < 1 || input.dayOfMonth > 28)
    fieldErrors.push({ path: ["dayOfMonth"], message: "Use a day from 1 to 28 (every month has it)." });
  if (!Number.isInteger(input.hourUtc) || input.hourUtc < 0 || input.hourUtc > 23)
    fieldErrors.push({ path: ["hourUtc"], message: "Use an hour from 0 to 23 (UTC)." });
  if (fieldErrors.length > 0) throw new ValidationError("The review schedule was not saved.", fieldErrors);
  const nextRunAt = input.enabled ? nextReviewRunAfter(input, new Date()) : null;
  const data = { enabled: input.enabled, dayOfMonth: input.dayOfMonth, hourUtc: input.hourUtc, nextRunAt, updatedAt: new Date() };
  const schedule = await db.reviewSchedule.upsert({
    where: { workspaceId: input.workspaceId },
    create: { workspaceId: input.workspaceId, ...data },
    update: data,
  });
  await recordAuditEvent(db, {
    workspaceId: input.workspaceId,
    actor,
    action: "review_schedule.saved",
    targetType: "review_schedule",
    targetId: input.workspaceId,
    outcome: "success",
    metadata: { enabled: input.enabled, dayOfMonth: input.dayOfMonth, hourUtc: input.hourUtc },
  });
  return schedule;
}

/**
 * Called every minute: each due schedule is claimed with a conditional update of `next_run_at`
 * (so several workers ticking at once fire it once), then a compose run is started for every
 * environment of the workspace (an environment whose compose is active joins that run).
 */
export async function fireDueReviewSchedules(db: Db, now = new Date()): Promise<{ workspaceId: string; runIds: string[] }[]> {
  const due = await db.reviewSchedule.findMany({ where: { enabled: true, nextRunAt: { lte: now } }, take: 50 });
  const fired: { workspaceId: string; runIds: string[] }[] = [];
  for (const schedule of due) {
    const claimed = await db.reviewSchedule.updateMany({
      where: { workspaceId: schedule.workspaceId, nextRunAt: schedule.nextRunAt },
      data: { nextRunAt: nextReviewRunAfter(schedule, now), lastRunAt: now, updatedAt: now },
    });
    if (claimed.count !== 1) continue;
    const environments = await db.managedEnvironment.findMany({ where: { workspaceId: schedule.workspaceId }, select: { id: true } });
    const runIds: string[] = [];
    for (const environment of environments) {
      const { run } = await startOperationRun(db, SYSTEM_ACTOR, {
        workspaceId: schedule.workspaceId,
        environmentId: environment.id,
        type: "environment.review.compose",
        capability: "review.compose",
      });
      runIds.push(run.id);
    }
    fired.push({ workspaceId: schedule.workspaceId, runIds });
  }
  return fired;
}
