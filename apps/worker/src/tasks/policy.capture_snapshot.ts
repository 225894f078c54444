import { readRunContext, reconcileRun, recordCapturedObject, reportProgress } from "@atlas/core";
import { contentHash, contractFor, isContractKey, normalizePayload } from "@atlas/graph-client";
import { parseTaskPayload } from "@atlas/jobs";
import type { Task } from "graphile-worker";
import { graphClientFor } from "../graph.ts";
import { type WorkerDeps, withClaimedRun } from "../run-task.ts";

/** Captures one policy's current version; the snapshot adapter proves it from the stored version. */
export function policySnapshotTask(deps: WorkerDeps): Task {
  return async (payload, helpers) => {
    const { runId } = parseTaskPayload("policy.capture_snapshot", payload);
    await withClaimedRun(deps, runId, helpers, async ({ run }) => {
      const target = readRunContext("policy.capture_snapshot", run.context);
      if (!run.managedEnvironmentId || !isContractKey(target.objectType)) {
        throw new Error("policy.capture_snapshot needs an environment, a supported object type and a provider id.");
      }
      const type = target.objectType;
      const contract = contractFor(type);
      const client = await graphClientFor(deps.db, deps.box, run.managedEnvironmentId, deps.graph);
      const captured = await client.captureObject(type, target.providerId);
      const versionPayload = { ...captured.raw, assignments: captured.assignments };
      const normalized = normalizePayload(type, versionPayload);
      const { policyVersionId, reused } = await recordCapturedObject(
        deps.db,
        { workspaceId: run.workspaceId, environmentId: run.managedEnvironmentId, runId },
        {
          objectType: type,
          providerId: target.providerId,
          displayName: String(captured.raw[contract.displayNameField] ?? target.providerId),
          isFoundation: contract.isFoundation,
          raw: versionPayload,
          normalized,
          contentHash: contentHash(normalized),
          gaps: captured.completeness.gaps,
        },
      );
      const finished = await reportProgress(deps.db, run, {
        progress: 1,
        summaryCounts: { total: 1, newVersions: reused ? 0 : 1 },
        context: { policyVersionId, gaps: captured.completeness.gaps, executionFinishedAt: new Date().toISOString() },
      });
      await reconcileRun(deps.db, runId, { run: finished });
    });
  };
}
