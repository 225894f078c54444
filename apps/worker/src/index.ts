export { startWorker, type RunningWorker, type WorkerOptions } from "./worker.ts";
// The shell every run task shares, for measuring a run's lifecycle with an empty body (bench:lifecycle).
export { type WorkerDeps, withClaimedRun } from "./run-task.ts";
