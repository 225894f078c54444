import type { Db } from "@atlas/db";
import {
  type BackupCaptureContext,
  applyRetention,
  completeRun,
  ensureBackupSet,
  isCancelRequested,
  readRunContext,
  previousCaptureIds,
  reconcileRun,
  recordCapturedObject,
  reportProgress,
  sealBackupSet,
} from "@atlas/core";
import type { BackupSet } from "@atlas/db";
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
import { confirmedDeleted } from "../confirm-deleted.ts";
import { graphClientFor } from "../graph.ts";
import { type WorkerDeps, withClaimedRun } from "../run-task.ts";

const CAPTURE_CONCURRENCY = 4;

interface CaptureScope {
  workspaceId: string;
  environmentId: string;
  runId: string;
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
      await save(deps.db, runId, capture, 0);
      const scope: CaptureScope = {
        workspaceId: run.workspaceId,
        environmentId: run.managedEnvironmentId,
        runId,
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
          });
          return;
        }
        capture.providerTotals[type] = await captureType(deps.db, client, scope, capture, type);
        capture.completedTypes.push(type);
        await save(deps.db, runId, capture, capture.completedTypes.length / capture.types.length);
      }
      await sealBackupSet(deps.db, set, capture);
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
  let reported: number | undefined;
  const listedIds = new Set<string>();
  const gone: string[] = [];
  for await (const page of client.pages(type)) {
    reported ??= page.reportedCount;
    const todo = page.items.filter((item) => !done.has(String(item.id)));
    listed += page.items.length;
    for (const item of page.items) listedIds.add(String(item.id));
    for (let start = 0; start < todo.length; start += CAPTURE_CONCURRENCY) {
      const batch = todo.slice(start, start + CAPTURE_CONCURRENCY).map((item) => String(item.id));
      const results = await Promise.all(batch.map((id) => captureOne(db, client, scope, type, id, contract)));
      // An object deleted between listing and capture is no longer part of the tenant.
      gone.push(...batch.filter((_, index) => results[index] === "vanished"));
    }
    const fraction = (capture.completedTypes.length + 0.5) / capture.types.length;
    await save(db, scope.runId, capture, fraction, { [type]: listed - gone.length });
  }
  if (reported !== undefined) {
    capture.reportedCounts[type] = reported;
  } else {
    // Without a provider total, an object of the last good backup missing from the listing is only
    // gone when the provider says so by id; anything else stays a gap for the adapter to name.
    const unlisted = (await previousCaptureIds(db, scope.set, type)).filter((id) => !listedIds.has(id));
    gone.push(...(await confirmedDeleted(client, type, unlisted)));
  }
  capture.confirmedGone[type] = gone;
  return listed - gone.filter((id) => listedIds.has(id)).length;
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
      reportedSettingsCount: captured.completeness.expectedSettings,
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
