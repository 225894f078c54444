import { fireDueSchedules } from "@atlas/core";
import type { Task } from "graphile-worker";
import type { WorkerDeps } from "../run-task.ts";

/** Every minute (crontab): start the backups whose schedule is due. Safe on several workers. */
export function scheduleTickTask(deps: WorkerDeps): Task {
  return async () => {
    const started = await fireDueSchedules(deps.db);
    if (started.length > 0) deps.log("scheduled backups started", { runs: started });
  };
}
