import type { BackupSet, Db, OperationRun } from "@atlas/db";
import {
  type BackupCaptureContext,
  type HeldRun,
  applyRetention,
  completeRun,
  ensureBackupSet,
  isCancelRequested,
  readRunContext,
  previousCaptureIds,
  reconcileRun,
  recordCapturedObject,
  recordRunStep,
  reportProgress,
  sealBackupSet,
} from "@atlas/core";
import { type ContractKey, type GraphClient, allContracts } from "@atlas/graph-client";
import { parseTaskPayload } from "@atlas/jobs";
import type { Task } from "graphile-worker";
import { captureType } from "../capture-loop.ts";
import { graphClientFor } from "../graph.ts";
import { type WorkerDeps, withClaimedRun } from "../run-task.ts";

interface CaptureScope {
  workspaceId: string;
  environmentId: string;
  runId: string;
  /** Progress is written only while this worker holds the run. */
  run: HeldRun;
  backupSetId: string;
  set: BackupSet;
}

/**
 * Captures every supported type of one environment into a new backup set: foundations first, each
 * object completely (sub-resources, assignments) through the contract registry. Resumable per
 * item: objects already in the set are skipped by a resumed job. The outcome is decided by the
 * backup.capture adapter from the stored items and the provider totals recorded here.
 */
export function backupCaptureTask(deps: WorkerDeps): Task {
  return async (payload, helpers) => {
    const { runId } = parseTaskPayload("backup.capture", payload);
    await withClaimedRun(deps, runId, helpers, async ({ run }) => {
      if (!run.managedEnvironmentId) throw new Error("backup.capture needs an environment.");
      const capture = readRunContext("backup.capture", run.context);
      if (capture.types.length === 0) {
        const contracts = [...allContracts].sort((a, b) => Number(b.isFoundation) - Number(a.isFoundation));
        capture.types = contracts.map((contract) => contract.key);
      }
      const set = await ensureBackupSet(deps.db, run, capture);
      capture.backupSetId = set.id;
      await save(deps.db, run, capture, 0);
      const scope: CaptureScope = {
        workspaceId: run.workspaceId,
        environmentId: run.managedEnvironmentId,
        runId,
        run,
        backupSetId: set.id,
        set,
      };
      const client = await graphClientFor(deps.db, deps.box, run.managedEnvironmentId, deps.graph);
      for (const type of capture.types as ContractKey[]) {
        if (capture.completedTypes.includes(type)) continue;
        if (await isCancelRequested(deps.db, runId)) {
          await completeRun(deps.db, runId, "cancelled", {
            reasonCode: "cancelled",
            message: "Cancelled by a user; the partial backup set is kept.",
            heldBy: run.workerId,
          });
          return;
        }
        capture.providerTotals[type] = await captureBackupType(deps.db, client, scope, capture, type);
        capture.completedTypes.push(type);
        await save(deps.db, run, capture, capture.completedTypes.length / capture.types.length);
        await recordRunStep(deps.db, runId, { code: "type_read", params: { type, count: capture.providerTotals[type] } });
      }
      await sealBackupSet(deps.db, set, capture);
      capture.executionFinishedAt = new Date().toISOString();
      const finished = await save(deps.db, run, capture, 1);
      await reconcileRun(deps.db, runId, { run: finished });
      await applyRetention(deps.db, run.managedEnvironmentId);
    });
  };
}

async function captureBackupType(
  db: Db,
  client: GraphClient,
  scope: CaptureScope,
  capture: BackupCaptureContext,
  type: ContractKey,
): Promise<number> {
  const result = await captureType(client, type, {
    capturedIds: async () =>
      new Set(
        (await db.backupItem.findMany({ where: { backupSetId: scope.backupSetId, objectType: type }, select: { providerId: true } })).map(
          (item) => item.providerId,
        ),
      ),
    record: async (object) => {
      await recordCapturedObject(db, scope, object);
    },
    previousIds: () => previousCaptureIds(db, scope.set, type),
    pageDone: async (_type, listed) => {
      await save(db, scope.run, capture, (capture.completedTypes.length + 0.5) / capture.types.length, { [type]: listed });
    },
  });
  if (result.reported !== undefined) capture.reportedCounts[type] = result.reported;
  capture.confirmedGone[type] = result.confirmedGone;
  return result.providerTotal;
}

async function save(
  db: Db,
  run: HeldRun,
  capture: BackupCaptureContext,
  progress: number,
  current: Record<string, number> = {},
): Promise<OperationRun> {
  const counts: Record<string, number> = { ...capture.providerTotals, ...current };
  counts.total = Object.values(counts).reduce((sum, value) => sum + value, 0);
  return reportProgress(db, run, { progress, summaryCounts: counts, context: { ...capture } });
}
