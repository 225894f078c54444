import { startScheduledDriftChecks } from "@atlas/core";
import type { Task } from "graphile-worker";
import type { WorkerDeps } from "../run-task.ts";

/** Every 15 minutes (crontab): a drift check of every environment that is due by its workspace's schedule. Safe on several workers. */
export function driftScheduleTickTask(deps: WorkerDeps): Task {
  return async () => {
    const started = await startScheduledDriftChecks(deps.db);
    deps.log("scheduled drift checks started", { runs: started.length });
  };
}
