import { sweepStaleRuns } from "@atlas/core";
import type { Task } from "graphile-worker";
import type { WorkerDeps } from "../run-task.ts";

export interface SweepSettings {
  heartbeatStaleMs: number;
  queuedGraceMs: number;
}

/** Runs from the crontab (every minute) on whichever worker picks it; safe to run concurrently. */
export function staleSweepTask(deps: WorkerDeps, settings: SweepSettings): Task {
  return async () => {
    const report = await sweepStaleRuns(deps.db, settings);
    const acted = Object.values(report).some((ids) => ids.length > 0);
    if (acted) deps.log("stale-run sweep acted", { ...report });
  };
}
