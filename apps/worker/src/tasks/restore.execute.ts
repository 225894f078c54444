import type { Db, Prisma, RestoreRun } from "@atlas/db";
import {
  type Actor,
  type VerificationItem,
  completeRun,
  countOutcomes,
  finalRestoreStatus,
  isCancelRequested,
  reconcileRun,
  readRunContext,
  recordAuditEvent,
  reportProgress,
  sanitizeMessage,
} from "@atlas/core";
import { type ContractKey, type GraphClient, contractFor, isGraphRequestError } from "@atlas/graph-client";
import { parseTaskPayload } from "@atlas/jobs";
import type { Task } from "graphile-worker";
import { graphClientFor } from "../graph.ts";
import { type ReferenceMaps, buildReferenceMaps } from "../restore/reference-maps.ts";
import { verifyItem, verifyRestore } from "../restore/verify-restore.ts";
import { type WorkerDeps, withClaimedRun } from "../run-task.ts";
import { findTargetMatches } from "./restore.preview.ts";

const ITEM_CONCURRENCY = 8;

function chunks<T>(values: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < values.length; start += size) result.push(values.slice(start, start + size));
  return result;
}

type ItemRow = Prisma.RestoreItemGetPayload<{ include: { backupItem: { include: { policyVersion: { select: { rawPayload: true } } } } } }>;

/**
 * Writes the scoped items into the target in order (foundations first, with an id remap), one
 * item at a time, persisting each result with the provider's acceptance as it happens. A resumed
 * job skips items that already have a result and looks an object up by name before creating it,
 * so an accepted create is never repeated. A dry run walks the same path without writing. Then the
 * live run is verified by read-back and audited; the restore.execute adapter decides the outcome.
 */
export function restoreExecuteTask(deps: WorkerDeps): Task {
  return async (payload, helpers) => {
    const { runId } = parseTaskPayload("restore.execute", payload);
    await withClaimedRun(deps, runId, helpers, async ({ run }) => {
      const finish = async () => {
        await reportProgress(deps.db, runId, { progress: 1, context: { executionFinishedAt: new Date().toISOString() } });
        await reconcileRun(deps.db, runId);
      };
      const restore = await deps.db.restoreRun.findUnique({
        where: { id: readRunContext("restore.execute", run.context).restoreRunId ?? "" },
      });
      if (!restore || restore.deletedAt || restore.operationRunId !== runId) return finish();
      await deps.db.restoreRun.updateMany({
        where: { id: restore.id, status: "queued" },
        data: { status: "running", updatedAt: new Date() },
      });
      const target = await graphClientFor(deps.db, deps.box, restore.managedEnvironmentId, deps.graph);
      const items: ItemRow[] = await deps.db.restoreItem.findMany({
        where: { restoreRunId: restore.id },
        include: { backupItem: { include: { policyVersion: { select: { rawPayload: true } } } } },
        orderBy: { ordinal: "asc" },
      });
      const maps = await buildReferenceMaps(deps.db, deps.box, deps.graph, restore, target);
      const pending = items.filter((item) => item.outcome === "pending");
      const verifiedEarly = new Map<string, VerificationItem>();
      // Foundations one by one (later items reference what they create), then policies a few at a
      // time: the tenant's request budget, not round trips, should set the pace.
      const batches = [
        ...pending.filter((item) => item.isFoundation).map((item) => [item]),
        ...chunks(
          pending.filter((item) => !item.isFoundation),
          ITEM_CONCURRENCY,
        ),
      ];
      for (const batch of batches) {
        if (await isCancelRequested(deps.db, runId)) {
          await deps.db.restoreRun.update({
            where: { id: restore.id },
            data: { status: "cancelled", counts: countOutcomes(items) as unknown as Prisma.InputJsonValue, updatedAt: new Date() },
          });
          await completeRun(deps.db, runId, "cancelled", {
            reasonCode: "cancelled",
            message: `Cancelled with ${pending.filter((item) => item.outcome === "pending").length} items not started.`,
          });
          return;
        }
        await Promise.all(
          batch.map(async (item) => {
            const result = await restoreItem(deps.db, target, restore, item, maps);
            Object.assign(item, result);
            await deps.db.restoreItem.update({
              where: { id: item.id },
              data: { ...result, updatedAt: new Date() } as Prisma.RestoreItemUpdateInput,
            });
            // Read back right away: the read overlaps with the writes the budget is pacing.
            if (!restore.dryRun && item.outcome === "applied") {
              const verified = await verifyItem(target, restore, item, maps);
              if (verified) verifiedEarly.set(item.id, verified);
            }
          }),
        );
        const done = items.filter((item) => item.outcome !== "pending").length;
        await reportProgress(deps.db, runId, {
          progress: done / (items.length + 1),
          summaryCounts: { ...countOutcomes(items) } as unknown as Record<string, number>,
        });
      }
      const counts = countOutcomes(items);
      const status = restore.dryRun ? "completed" : finalRestoreStatus(counts);
      await deps.db.restoreRun.update({
        where: { id: restore.id },
        data: { status, counts: counts as unknown as Prisma.InputJsonValue, updatedAt: new Date() },
      });
      if (!restore.dryRun) {
        await verifyRestore(deps.db, target, restore, runId, maps, verifiedEarly);
        await recordAuditEvent(deps.db, {
          workspaceId: restore.workspaceId,
          environmentId: restore.managedEnvironmentId,
          actor: confirmingActor(restore),
          action: "restore_run.executed",
          targetType: "restore_run",
          targetId: restore.id,
          outcome: status,
          metadata: { operationRunId: runId, ...counts },
        });
      }
      await finish();
    });
  };
}

function confirmingActor(restore: RestoreRun): Actor {
  return restore.confirmedByUserId
    ? { kind: "user", userId: restore.confirmedByUserId, displayName: "", isSupport: false, grants: [] }
    : { kind: "system", name: "restore" };
}

type ItemResult = Pick<ItemRow, "outcome" | "targetProviderId" | "errorCode" | "errorMessage"> & {
  providerAcceptance?: Prisma.InputJsonValue;
  unmappedReferences?: Prisma.InputJsonValue;
};

async function restoreItem(db: Db, target: GraphClient, restore: RestoreRun, item: ItemRow, maps: ReferenceMaps): Promise<ItemResult> {
  const type = item.objectType as ContractKey;
  const contract = contractFor(type);
  const base = { targetProviderId: item.targetProviderId, errorCode: null, errorMessage: null };
  if (contract.restoreSupport === "previewOnly" || item.previewAction === "skip") return { ...base, outcome: "skipped" };
  const document = item.backupItem.policyVersion.rawPayload as Record<string, unknown>;
  try {
    // Look the object up again right before writing: a create accepted before a crash is found
    // here and updated instead of created twice.
    const matches = await findTargetMatches(target, type, item.backupItem.providerId, item.displayName, maps.sameTenant);
    if (matches.length > 1)
      return {
        ...base,
        outcome: "failed",
        errorCode: "IDENTITY_AMBIGUOUS",
        errorMessage: `${matches.length} objects in the target match "${item.displayName}".`,
      };
    const existingId = matches[0] ? String(matches[0].id) : null;
    const planned = target.restorePayload(type, document, {
      idMap: maps.idMap,
      describe: maps.describe,
      mode: existingId ? "update" : "create",
    });
    const unmapped = planned.unmapped.map(({ kind, sourceId, displayName }) => ({
      kind,
      sourceId,
      displayName,
    })) as unknown as Prisma.InputJsonValue;
    if (restore.dryRun) return { ...base, targetProviderId: existingId, outcome: "non_applied", unmappedReferences: unmapped };
    if (restore.scopeMode === "assignments_only" && !existingId)
      return {
        ...base,
        outcome: "skipped",
        errorCode: "TARGET_MISSING",
        errorMessage: "Assignments only: the object does not exist in the target.",
      };
    let acceptance: { id: string; version?: string | number; requestId?: string } = { id: existingId ?? "" };
    if (restore.scopeMode !== "assignments_only") {
      acceptance = existingId ? await target.updateObject(type, existingId, planned.body) : await target.createObject(type, planned.body);
      await target.writeSubResources(type, acceptance.id, planned.subResourceWrites);
    }
    if (restore.scopeMode !== "without_assignments" && contract.hasAssignments)
      await target.assign(type, acceptance.id, planned.assignments);
    if (contract.isFoundation) {
      await db.restoreIdRemap.upsert({
        where: { restoreRunId_kind_sourceId: { restoreRunId: restore.id, kind: type, sourceId: item.backupItem.providerId } },
        create: { restoreRunId: restore.id, kind: type, sourceId: item.backupItem.providerId, targetId: acceptance.id },
        update: { targetId: acceptance.id },
      });
      // Later items' references to this foundation now map to it (foundations run one at a time).
      maps.remember(type, item.backupItem.providerId, acceptance.id);
    }
    const partial = planned.unmapped.length > 0;
    return {
      targetProviderId: acceptance.id,
      outcome: partial ? "partial" : "applied",
      providerAcceptance: { id: acceptance.id, version: acceptance.version ?? null, requestId: acceptance.requestId ?? null },
      unmappedReferences: unmapped,
      errorCode: partial ? "REFERENCE_UNMAPPED" : null,
      errorMessage: partial
        ? `Not restored: ${planned.unmapped.map((reference) => `${reference.kind} "${reference.displayName ?? reference.sourceId}"`).join(", ")} (missing in the target).`
        : null,
    };
  } catch (error) {
    // A write whose answer was lost is retried by the job; the lookup above then finds it.
    if (isGraphRequestError(error) && (error.code === "writeOutcomeUnknown" || error.transient)) throw error;
    const code = isGraphRequestError(error) ? `provider_${error.code}` : "restore_failed";
    return {
      ...base,
      outcome: "failed",
      errorCode: code,
      errorMessage: sanitizeMessage(error instanceof Error ? error.message : String(error)),
    };
  }
}
