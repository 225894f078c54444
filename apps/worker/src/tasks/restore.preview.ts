import { previewRestoreRun } from "@atlas/core";
import { parseTaskPayload } from "@atlas/jobs";
import type { Task } from "graphile-worker";
import { graphClientFor } from "../graph.ts";
import { type WorkerDeps, withClaimedRun } from "../run-task.ts";

/** Previews a restore run (safety checks, per-item plan and diff); every decision lives in core. */
export function restorePreviewTask(deps: WorkerDeps): Task {
  return async (payload, helpers) => {
    const { runId } = parseTaskPayload("restore.preview", payload);
    await withClaimedRun(deps, runId, helpers, ({ run }) =>
      previewRestoreRun(deps.db, run, (environmentId) => graphClientFor(deps.db, deps.box, environmentId, deps.graph)),
    );
  };
}
