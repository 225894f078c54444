import {
  type CapturedObjectInput,
  type DriftCheckContext,
  type HeldRun,
  type LiveObject,
  completeRun,
  isCancelRequested,
  lastGoodCaptureIds,
  notifyNewDrift,
  readRunContext,
  reconcileRun,
  recordDriftFindings,
  recordRunStep,
  reportProgress,
} from "@atlas/core";
import type { Db, OperationRun } from "@atlas/db";
import type { ContractKey } from "@atlas/graph-client";
import { parseTaskPayload } from "@atlas/jobs";
import type { Task } from "graphile-worker";
import { captureType } from "../capture-loop.ts";
import { graphClientFor } from "../graph.ts";
import { type WorkerDeps, withClaimedRun } from "../run-task.ts";

/**
 * Captures the live objects of the types the environment's assigned baselines cover, with the
 * backup's capture loop (complete objects, throttle-aware, provider totals), compares them with
 * each baseline version and records the findings. The live objects are held in memory only, so a
 * retried job captures again from the start. The driftCheckAdapter decides from the recorded
 * totals and gaps whether the check saw everything.
 */
export function driftCheckTask(deps: WorkerDeps): Task {
  return async (payload, helpers) => {
    const { runId } = parseTaskPayload("drift.check", payload);
    await withClaimedRun(deps, runId, helpers, async ({ run }) => {
      if (!run.managedEnvironmentId) throw new Error("drift.check needs an environment.");
      const environmentId = run.managedEnvironmentId;
      const check: DriftCheckContext = {
        ...readRunContext("drift.check", run.context),
        completedTypes: [],
        providerTotals: {},
        reportedCounts: {},
        capturedCounts: {},
        gaps: [],
      };
      const client = await graphClientFor(deps.db, deps.box, environmentId, deps.graph);
      const live: LiveObject[] = [];
      const startedAt = run.startedAt ?? new Date();
      for (const type of check.types as ContractKey[]) {
        if (await isCancelRequested(deps.db, runId)) {
          await completeRun(deps.db, runId, "cancelled", {
            reasonCode: "cancelled",
            message: "Cancelled by a user; no finding was recorded.",
            heldBy: run.workerId,
          });
          return;
        }
        const result = await captureType(client, type, {
          capturedIds: async () => new Set(),
          record: async (object) => {
            live.push({
              objectType: type,
              displayName: object.displayName,
              providerId: object.providerId,
              normalizedPayload: object.normalized,
            });
            check.capturedCounts[type] = (check.capturedCounts[type] ?? 0) + 1;
            check.gaps.push(...objectGaps(object));
          },
          previousIds: () => lastGoodCaptureIds(deps.db, environmentId, startedAt, type),
          pageDone: async () => {
            await save(deps.db, run, check, (check.completedTypes.length + 0.5) / check.types.length);
          },
        });
        check.providerTotals[type] = result.providerTotal;
        if (result.reported !== undefined) check.reportedCounts[type] = Math.max(0, result.reported - result.confirmedGone.length);
        if (result.unconfirmed.length > 0) {
          check.gaps.push({
            code: "PREVIOUS_OBJECTS_UNCONFIRMED",
            params: { type, count: result.unconfirmed.length },
            message: `${type}: the provider gave no total and its listing lacked ${result.unconfirmed.length} object(s) of the last good backup that were not confirmed deleted.`,
          });
        }
        check.completedTypes.push(type);
        await save(deps.db, run, check, check.completedTypes.length / check.types.length);
        await recordRunStep(deps.db, runId, { code: "type_read", params: { type, count: result.providerTotal } });
      }
      const counts = await recordDriftFindings(deps.db, run, check, live);
      // Before execution is marked finished: a job that dies here is retried and notifies once.
      await notifyNewDrift(deps.db, run);
      check.findingCount = counts.recorded;
      check.resolvedCount = counts.resolved;
      check.executionFinishedAt = new Date().toISOString();
      const finished = await save(deps.db, run, check, 1);
      await reconcileRun(deps.db, runId, { run: finished });
    });
  };
}

/** The capture's own gaps of one object, and settings fewer than the provider's settings total. */
function objectGaps(object: CapturedObjectInput): DriftCheckContext["gaps"] {
  const params = { type: object.objectType, name: object.displayName };
  const gaps: DriftCheckContext["gaps"] = object.gaps.map((gap) => ({
    code: gap.code,
    params,
    message: `${object.objectType} "${object.displayName}": ${gap.message}`,
  }));
  const settings = object.raw.settings ?? object.raw.definitionValues;
  const stored = Array.isArray(settings) ? settings.length : 0;
  if (object.reportedSettingsCount !== undefined && stored < object.reportedSettingsCount) {
    gaps.push({
      code: "SETTINGS_COUNT_NOT_MET",
      params: { ...params, stored, reported: object.reportedSettingsCount },
      message: `${object.objectType} "${object.displayName}": ${stored} of the ${object.reportedSettingsCount} settings the provider reported were read.`,
    });
  }
  return gaps;
}

async function save(db: Db, run: HeldRun, check: DriftCheckContext, progress: number): Promise<OperationRun> {
  const summaryCounts: Record<string, number> = { ...check.capturedCounts };
  summaryCounts.total = Object.values(check.capturedCounts).reduce((sum, value) => sum + value, 0);
  if (check.findingCount !== undefined) summaryCounts.findings = check.findingCount;
  return reportProgress(db, run, { progress, summaryCounts, context: { ...check } });
}
