import { fireDueReviewSchedules } from "@atlas/core";
import type { Task } from "graphile-worker";
import type { WorkerDeps } from "../run-task.ts";

/** Every minute (crontab): start the monthly review composes whose workspace schedule is due. Safe on several workers. */
export function reviewScheduleTickTask(deps: WorkerDeps): Task {
  return async () => {
    const fired = await fireDueReviewSchedules(deps.db);
    for (const entry of fired) deps.log("scheduled reviews started", { workspaceId: entry.workspaceId, runs: entry.runIds.length });
  };
}
