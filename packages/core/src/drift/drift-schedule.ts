// When drift is checked without anyone asking: per workspace, every few hours (default 6, as
// Microsoft's own configuration monitoring does). The tick is level-triggered: an environment that
// follows a baseline is due when no drift check of it started within its workspace's interval, so
// a missed tick, a restart or a check started by hand needs no bookkeeping, and two ticks at once
// join the same run (startDriftCheck deduplicates active runs).

import type { Db, DriftSchedule } from "@atlas/db";
import { type Actor, SYSTEM_ACTOR, assertCapability } from "../access/actor.ts";
import { recordAuditEvent } from "../audit/audit.ts";
import { ValidationError } from "../errors.ts";
import { startDriftCheck } from "./start-drift-check.ts";

export const DEFAULT_DRIFT_INTERVAL_HOURS = 6;

export type DriftScheduleView = Pick<DriftSchedule, "workspaceId" | "enabled" | "intervalHours">;

/** The workspace's schedule, or the default one while none was saved (needs baseline.read). */
export async function driftScheduleOf(db: Db, actor: Actor, workspaceId: string): Promise<DriftScheduleView> {
  assertCapability(actor, workspaceId, null, "baseline.read", "Workspace");
  const saved = await db.driftSchedule.findUnique({ where: { workspaceId } });
  return saved ?? { workspaceId, enabled: true, intervalHours: DEFAULT_DRIFT_INTERVAL_HOURS };
}

/** Saves how often the workspace is checked (needs workspace.manage); audited. */
export async function setDriftSchedule(
  db: Db,
  actor: Actor,
  input: { workspaceId: string; enabled: boolean; intervalHours: number },
): Promise<DriftScheduleView> {
  assertCapability(actor, input.workspaceId, null, "workspace.manage", "Workspace");
  if (!Number.isInteger(input.intervalHours) || input.intervalHours < 1 || input.intervalHours > 24) {
    throw new ValidationError("The drift schedule was not saved.", [
      { path: ["intervalHours"], message: "Use a whole number of hours from 1 to 24." },
    ]);
  }
  const data = { enabled: input.enabled, intervalHours: input.intervalHours, updatedAt: new Date() };
  const schedule = await db.driftSchedule.upsert({
    where: { workspaceId: input.workspaceId },
    create: { workspaceId: input.workspaceId, ...data },
    update: data,
  });
  await recordAuditEvent(db, {
    workspaceId: input.workspaceId,
    actor,
    action: "drift_schedule.saved",
    targetType: "drift_schedule",
    targetId: input.workspaceId,
    outcome: "success",
    metadata: { enabled: input.enabled, intervalHours: input.intervalHours },
  });
  return schedule;
}

/**
 * Starts a drift check of every due environment: it follows a baseline, its workspace's schedule is
 * on, and no drift check of it started within the interval. An environment whose baselines were
 * emptied meanwhile is skipped, not an error.
 */
export async function startScheduledDriftChecks(
  db: Db,
  now = new Date(),
): Promise<{ environmentId: string; runId: string; deduplicated: boolean }[]> {
  const due = await db.$queryRaw<{ environment_id: string }[]>`
    select distinct a.managed_environment_id as environment_id
      from baseline_assignments a
      left join drift_schedules s on s.workspace_id = a.workspace_id
     where coalesce(s.enabled, true)
       and not exists (
         select 1 from operation_runs r
          where r.managed_environment_id = a.managed_environment_id
            and r.type = 'drift.check'
            and r.created_at > ${now}::timestamptz - make_interval(hours => coalesce(s.interval_hours, ${DEFAULT_DRIFT_INTERVAL_HOURS}::int)))
     order by 1`;
  const started: { environmentId: string; runId: string; deduplicated: boolean }[] = [];
  for (const { environment_id: environmentId } of due) {
    try {
      const { run, deduplicated } = await startDriftCheck(db, SYSTEM_ACTOR, { environmentId });
      started.push({ environmentId, runId: run.id, deduplicated });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
    }
  }
  return started;
}
