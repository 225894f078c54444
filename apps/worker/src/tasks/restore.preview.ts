import type { Prisma } from "@atlas/db";
import { type SafetyCheck, diffNormalizedPayloads, evaluateSafetyChecks, readRunContext, reconcileRun, reportProgress } from "@atlas/core";
import {
  type ContractKey,
  type GraphClient,
  type GraphObject,
  contractFor,
  isGraphRequestError,
  normalizeCapture,
  normalizePayload,
} from "@atlas/graph-client";
import { parseTaskPayload } from "@atlas/jobs";
import type { Task } from "graphile-worker";
import { graphClientFor } from "../graph.ts";
import { buildReferenceMaps } from "../restore/reference-maps.ts";
import { expectedHash, readBackHash } from "../restore/verification.ts";
import { type WorkerDeps, withClaimedRun } from "../run-task.ts";

type Action = "create" | "update" | "no_change" | "skip";

/** Target objects that are this item: by provider id in the same tenant, else by type + name. */
export async function findTargetMatches(
  client: GraphClient,
  type: ContractKey,
  providerId: string,
  displayName: string,
  sameTenant: boolean,
): Promise<GraphObject[]> {
  if (sameTenant) {
    try {
      return [await client.getObject(type, providerId)];
    } catch (error) {
      if (!isGraphRequestError(error) || error.status !== 404) throw error;
    }
  }
  return client.findByDisplayName(type, displayName);
}

/**
 * Read-only: runs the safety checks and computes, per item, what execution would do (create,
 * update, no change, skip) and the noise-free diff against the target's current state.
 */
export function restorePreviewTask(deps: WorkerDeps): Task {
  return async (payload, helpers) => {
    const { runId } = parseTaskPayload("restore.preview", payload);
    await withClaimedRun(deps, runId, helpers, async ({ run }) => {
      const restoreRunId = readRunContext("restore.preview", run.context).restoreRunId ?? "";
      const restore = await deps.db.restoreRun.findUnique({ where: { id: restoreRunId } });
      const finish = async () => {
        await reportProgress(deps.db, runId, { progress: 1, context: { executionFinishedAt: new Date().toISOString() } });
        await reconcileRun(deps.db, runId);
      };
      if (!restore || restore.deletedAt || restore.previewOperationRunId !== runId) return finish();
      const items = await deps.db.restoreItem.findMany({
        where: { restoreRunId: restore.id },
        include: { backupItem: { include: { policyVersion: { select: { rawPayload: true } } } } },
        orderBy: { ordinal: "asc" },
      });
      let target: GraphClient | undefined;
      let connectionProblem: string | undefined;
      try {
        target = await graphClientFor(deps.db, deps.box, restore.managedEnvironmentId, deps.graph);
        await target.listGroups();
      } catch (error) {
        deps.log("restore preview: target not reachable", { runId, error: error instanceof Error ? error.message : String(error) });
        connectionProblem = isGraphRequestError(error) ? error.code : "unreachable";
        target = undefined;
      }
      const checkItems: Parameters<typeof evaluateSafetyChecks>[0]["items"] = [];
      const summary = { create: 0, update: 0, noChange: 0, skip: 0 };
      let sameTenant = false;
      if (target) {
        const scopedFoundationIds = new Set(
          items.filter((item) => item.isFoundation).map((item) => `${item.objectType}:${item.backupItem.providerId}`),
        );
        const maps = await buildReferenceMaps(deps.db, deps.box, deps.graph, restore, target, { scopedFoundationIds });
        sameTenant = maps.sameTenant;
        for (const [index, item] of items.entries()) {
          const type = item.objectType as ContractKey;
          const contract = contractFor(type);
          const document = item.backupItem.policyVersion.rawPayload as Record<string, unknown>;
          const previewOnly = contract.restoreSupport === "previewOnly";
          const matches = previewOnly
            ? []
            : await findTargetMatches(target, type, item.backupItem.providerId, item.displayName, maps.sameTenant);
          const planned = previewOnly
            ? undefined
            : target.restorePayload(type, document, {
                idMap: maps.idMap,
                describe: maps.describe,
                mode: matches.length === 1 ? "update" : "create",
              });
          const unmapped = (planned?.unmapped ?? []).map(({ kind, sourceId, displayName }) => ({ kind, sourceId, displayName }));
          let action: Action = "skip";
          let changes: unknown[] = [];
          if (previewOnly || matches.length > 1 || (restore.scopeMode === "assignments_only" && matches.length === 0)) action = "skip";
          else if (matches.length === 0) {
            action = "create";
            changes = diffNormalizedPayloads({}, normalizePayload(type, planned?.expectedDocument ?? {}));
          } else {
            const current = await target.captureObject(type, String(matches[0]?.id));
            const mode = restore.scopeMode;
            const same = planned && readBackHash(type, current, mode) === expectedHash(type, planned.expectedDocument, mode);
            action = same ? "no_change" : "update";
            changes = same
              ? []
              : diffNormalizedPayloads(normalizeCapture(type, current), normalizePayload(type, planned?.expectedDocument ?? {}));
          }
          summary[action === "no_change" ? "noChange" : action] += 1;
          await deps.db.restoreItem.update({
            where: { id: item.id },
            data: {
              previewAction: action,
              previewChanges: changes as Prisma.InputJsonValue,
              targetProviderId: matches.length === 1 ? String(matches[0]?.id) : null,
              unmappedReferences: unmapped as unknown as Prisma.InputJsonValue,
              updatedAt: new Date(),
            },
          });
          checkItems.push({
            id: item.id,
            displayName: item.displayName,
            objectType: type,
            previewOnly,
            hasVersion: true,
            targetMatches: matches.length,
            unmappedReferences: unmapped,
          });
          await reportProgress(deps.db, runId, {
            progress: (index + 1) / items.length,
            summaryCounts: { total: items.length, ...summary },
          });
        }
      }
      if (!target) {
        // Nothing can be planned against an unreachable target; the blocker check says why, and
        // the checks that need no target are still listed so the operator sees every blocker.
        await deps.db.restoreItem.updateMany({
          where: { restoreRunId: restore.id },
          data: { previewAction: "skip", updatedAt: new Date() },
        });
        summary.skip = items.length;
        for (const item of items) {
          const previewOnly = contractFor(item.objectType as ContractKey).restoreSupport === "previewOnly";
          checkItems.push({
            id: item.id,
            displayName: item.displayName,
            objectType: item.objectType,
            previewOnly,
            hasVersion: true,
            targetMatches: 0,
            unmappedReferences: [],
          });
        }
      }
      const checks: SafetyCheck[] = evaluateSafetyChecks({
        targetConnected: Boolean(target),
        targetProblem: connectionProblem,
        sameTenant,
        items: checkItems,
      });
      // Written only if this preview is still the run's current one (the scope may have changed).
      await deps.db.restoreRun.updateMany({
        where: { id: restore.id, previewOperationRunId: runId, status: { in: ["scoped", "checked", "previewed"] } },
        data: { status: "previewed", checks: checks as unknown as Prisma.InputJsonValue, previewSummary: summary, updatedAt: new Date() },
      });
      await finish();
    });
  };
}
