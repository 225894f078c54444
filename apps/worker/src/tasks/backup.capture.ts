import type { Db } from "@atlas/db";
import {
  type BackupCaptureContext,
  applyRetention,
  completeBackupSet,
  completeRun,
  ensureBackupSet,
  isCancelRequested,
  readRunContext,
  reconcileRun,
  recordCapturedObject,
  reportProgress,
} from "@atlas/core";
import {
  type ContractKey,
  type GraphClient,
  allContracts,
  contentHash,
  contractFor,
  isGraphRequestError,
  normalizePayload,
} from "@atlas/graph-client";
import { parseTaskPayload } from "@atlas/jobs";
import type { Task } from "graphile-worker";
import { graphClientFor } from "../graph.ts";
import { type WorkerDeps, withClaimedRun } from "../run-task.ts";

const CAPTURE_CONCURRENCY = 4;

interface CaptureScope {
  workspaceId: string;
  environmentId: string;
  runId: string;
  backupSetId: string;
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
      await save(deps.db, runId, capture, 0);
      const scope: CaptureScope = { workspaceId: run.workspaceId, environmentId: run.managedEnvironmentId, runId, backupSetId: set.id };
      const client = await graphClientFor(deps.db, deps.box, run.managedEnvironmentId, deps.graph);
      for (const type of capture.types as ContractKey[]) {
        if (capture.completedTypes.includes(type)) continue;
        if (await isCancelRequested(deps.db, runId)) {
          await completeRun(deps.db, runId, "cancelled", {
            reasonCode: "cancelled",
            message: "Cancelled by a user; the partial backup set is kept.",
          });
          return;
        }
        capture.providerTotals[type] = await captureType(deps.db, client, scope, capture, type);
        capture.completedTypes.push(type);
        await save(deps.db, runId, capture, capture.completedTypes.length / capture.types.length);
      }
      await completeBackupSet(deps.db, set.id, capture.providerTotals);
      capture.executionFinishedAt = new Date().toISOString();
      await save(deps.db, runId, capture, 1);
      await reconcileRun(deps.db, runId);
      await applyRetention(deps.db, run.managedEnvironmentId);
    });
  };
}

async function captureType(
  db: Db,
  client: GraphClient,
  scope: CaptureScope,
  capture: BackupCaptureContext,
  type: ContractKey,
): Promise<number> {
  const contract = contractFor(type);
  const done = new Set(
    (await db.backupItem.findMany({ where: { backupSetId: scope.backupSetId, objectType: type }, select: { providerId: true } })).map(
      (item) => item.providerId,
    ),
  );
  let listed = 0;
  for await (const page of client.pages(type)) {
    const todo = page.items.filter((item) => !done.has(String(item.id)));
    listed += page.items.length;
    for (let start = 0; start < todo.length; start += CAPTURE_CONCURRENCY) {
      const results = await Promise.all(
        todo.slice(start, start + CAPTURE_CONCURRENCY).map((item) => captureOne(db, client, scope, type, String(item.id), contract)),
      );
      // An object deleted between listing and capture is no longer part of the tenant.
      listed -= results.filter((result) => result === "vanished").length;
    }
    const fraction = (capture.completedTypes.length + 0.5) / capture.types.length;
    await save(db, scope.runId, capture, fraction, { [type]: listed });
  }
  return listed;
}

async function captureOne(
  db: Db,
  client: GraphClient,
  scope: CaptureScope,
  type: ContractKey,
  providerId: string,
  contract: ReturnType<typeof contractFor>,
): Promise<"captured" | "vanished"> {
  try {
    const captured = await client.captureObject(type, providerId);
    const payload = { ...captured.raw, assignments: captured.assignments };
    const normalized = normalizePayload(type, payload);
    await recordCapturedObject(db, scope, {
      objectType: type,
      providerId,
      displayName: String(captured.raw[contract.displayNameField] ?? captured.raw.displayName ?? providerId),
      isFoundation: contract.isFoundation,
      raw: payload,
      normalized,
      contentHash: contentHash(normalized),
      gaps: captured.completeness.gaps,
    });
    return "captured";
  } catch (error) {
    if (isGraphRequestError(error) && error.status === 404) return "vanished";
    throw error;
  }
}

async function save(db: Db, runId: string, capture: BackupCaptureContext, progress: number, current: Record<string, number> = {}) {
  const counts: Record<string, number> = { ...capture.providerTotals, ...current };
  counts.total = Object.values(counts).reduce((sum, value) => sum + value, 0);
  await reportProgress(db, runId, { progress, summaryCounts: counts, context: { ...capture } });
}
