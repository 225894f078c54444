import type { Db, OperationRun } from "@atlas/db";
import {
  type SecretBox,
  claimRun,
  classifyProviderFailure,
  completeRun,
  heartbeatRun,
  isRunNoLongerHeld,
  sanitizeMessage,
} from "@atlas/core";
import { isGraphRequestError } from "@atlas/graph-client";
import type { JobHelpers } from "graphile-worker";
import type { GraphSettings } from "./graph.ts";

export interface WorkerDeps {
  db: Db;
  box: SecretBox;
  workerId: string;
  heartbeatMs: number;
  graph: GraphSettings;
  log: (message: string, meta?: Record<string, unknown>) => void;
}

export interface RunTaskContext {
  run: OperationRun;
  deps: WorkerDeps;
  helpers: JobHelpers;
}

/**
 * Runs this process is executing now. A sweep that took a slow (not dead) worker for lost unlocks
 * its job, and this same process may fetch that job again: a second execution of the same run
 * beside the first would race it, so the job is skipped and the first execution finishes the run.
 */
const executing = new Set<string>();

/**
 * Shared shell of every run task: claims the run (or skips a finished one), heartbeats while the
 * body works, and on the job's last attempt records a sanitized failure instead of a stack trace.
 */
export async function withClaimedRun(
  deps: WorkerDeps,
  runId: string,
  helpers: JobHelpers,
  body: (context: RunTaskContext) => Promise<void>,
): Promise<void> {
  if (executing.has(runId)) {
    deps.log("run already being executed by this worker; job skipped", { runId });
    return;
  }
  executing.add(runId);
  try {
    await claimedRun(deps, runId, helpers, body);
  } finally {
    executing.delete(runId);
  }
}

async function claimedRun(
  deps: WorkerDeps,
  runId: string,
  helpers: JobHelpers,
  body: (context: RunTaskContext) => Promise<void>,
): Promise<void> {
  const workerId = helpers.job.locked_by ?? deps.workerId;
  const run = await claimRun(deps.db, runId, workerId);
  if (!run) {
    deps.log("run already finished or missing; job skipped", { runId });
    return;
  }
  // Which process works on which run: the trail an operator follows after a crash.
  deps.log("run claimed", { runId, type: run.type });
  let held = true;
  const beat = setInterval(() => {
    heartbeatRun(deps.db, runId, workerId)
      .then((stillHeld) => {
        // Said once: the trail an operator follows when a slow worker's run was resumed elsewhere.
        if (held && !stillHeld) deps.log("run no longer held by this worker (resumed elsewhere or ended)", { runId, workerId });
        held = stillHeld;
      })
      .catch(() => {});
  }, deps.heartbeatMs);
  try {
    await body({ run, deps, helpers });
  } catch (error) {
    // Another worker resumed the run (or it ended): it is that worker's now. Failing or retrying
    // this job would write into its run or claim it back, so this execution just stops.
    if (isRunNoLongerHeld(error)) {
      deps.log("run no longer held by this worker; execution stopped", { runId, workerId });
      return;
    }
    const provider = classifyProviderFailure(error);
    const reasonCode = provider?.reasonCode ?? (isGraphRequestError(error) ? `provider_${error.code}` : "execution_failed");
    // Retrying a refused credential or a bad request only burns the tenant's budget.
    const permanent = provider?.outcome === "blocked" || (isGraphRequestError(error) && !error.transient);
    const message = provider?.message ?? sanitizeMessage(error instanceof Error ? error.message : String(error));
    deps.log("run task failed", { runId, reasonCode, attempt: helpers.job.attempts, message });
    if (permanent || helpers.job.attempts >= helpers.job.max_attempts) {
      await completeRun(deps.db, runId, provider?.outcome ?? "failed", { reasonCode, message, failure: true, heldBy: workerId });
      return;
    }
    throw new Error(message);
  } finally {
    clearInterval(beat);
  }
}
