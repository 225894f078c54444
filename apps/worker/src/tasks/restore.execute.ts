import { executeRestoreRun } from "@atlas/core";
import { parseTaskPayload } from "@atlas/jobs";
import type { Task } from "graphile-worker";
import { graphClientFor } from "../graph.ts";
import { type WorkerDeps, withClaimedRun } from "../run-task.ts";

/** Executes a confirmed restore run; every decision lives in core, this task only connects it to the provider. */
export function restoreExecuteTask(deps: WorkerDeps): Task {
  return async (payload, helpers) => {
    const { runId } = parseTaskPayload("restore.execute", payload);
    await withClaimedRun(deps, runId, helpers, ({ run }) =>
      executeRestoreRun(deps.db, run, (environmentId) => graphClientFor(deps.db, deps.box, environmentId, deps.graph)),
    );
  };
}
