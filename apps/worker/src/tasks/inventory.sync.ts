import type { Db, OperationRun } from "@atlas/db";
import {
  type HeldRun,
  type InventoryScope,
  type InventorySyncContext,
  completeRun,
  isCancelRequested,
  markDisappeared,
  readRunContext,
  reconcileRun,
  recordObservedObjects,
  recordObservedSettings,
  recordRunStep,
  reportProgress,
  unseenProviderIds,
} from "@atlas/core";
import { type ContractKey, type GraphClient, type GraphObject, allContracts, contractFor } from "@atlas/graph-client";
import { parseTaskPayload } from "@atlas/jobs";
import type { Task } from "graphile-worker";
import { confirmedDeleted } from "../confirm-deleted.ts";
import { graphClientFor } from "../graph.ts";
import { type WorkerDeps, withClaimedRun } from "../run-task.ts";

/**
 * Reads every registered object type of one environment with complete paging and upserts the
 * inventory. Progress (completed types, the page cursor, provider totals) is saved after every page,
 * so a job resumed by another worker continues where the dead one stopped. The run's outcome is
 * then decided by the inventory.sync reconciliation adapter, not here.
 */
export function inventorySyncTask(deps: WorkerDeps): Task {
  return async (payload, helpers) => {
    const { runId } = parseTaskPayload("inventory.sync", payload);
    await withClaimedRun(deps, runId, helpers, async ({ run }) => {
      if (!run.managedEnvironmentId) throw new Error("inventory.sync needs an environment.");
      const scope: InventoryScope = { workspaceId: run.workspaceId, environmentId: run.managedEnvironmentId, runId };
      const client = await graphClientFor(deps.db, deps.box, run.managedEnvironmentId, deps.graph);
      const sync = readRunContext("inventory.sync", run.context);
      if (sync.types.length === 0) sync.types = allContracts.map((contract) => contract.key);
      for (const type of sync.types as ContractKey[]) {
        if (sync.completedTypes.includes(type)) continue;
        if (await isCancelRequested(deps.db, runId)) {
          await completeRun(deps.db, runId, "cancelled", {
            reasonCode: "cancelled",
            message: "Cancelled by a user before the next type.",
            heldBy: run.workerId,
          });
          return;
        }
        await syncType(deps.db, client, run, scope, sync, type);
      }
      sync.executionFinishedAt = new Date().toISOString();
      const finished = await save(deps.db, run, sync, 1);
      await reconcileRun(deps.db, runId, { run: finished });
    });
  };
}

const SETTINGS_CONCURRENCY = 6;

async function syncType(db: Db, client: GraphClient, run: HeldRun, scope: InventoryScope, sync: InventorySyncContext, type: ContractKey) {
  const contract = contractFor(type);
  const resume = sync.cursor?.type === type && sync.cursor.nextLink ? sync.cursor : undefined;
  let seen = resume ? (sync.cursor?.seen ?? 0) : 0;
  let reported = resume?.reported;
  const pages = client.pages(type, resume ? { resumeFrom: { nextLink: resume.nextLink as string, pageIndex: resume.pageIndex } } : {});
  for await (const page of pages) {
    reported ??= page.reportedCount;
    const objects = page.items.map((item) => observed(item, contract.displayNameField));
    const rowIds = await recordObservedObjects(db, scope, type, objects);
    if (contract.hasSettings) {
      // A few policies at a time: the request budget still paces the tenant, and the sync stops
      // being bound by one round trip after another.
      for (let start = 0; start < objects.length; start += SETTINGS_CONCURRENCY) {
        await Promise.all(
          objects.slice(start, start + SETTINGS_CONCURRENCY).map(async (object) => {
            const settings = await client.listSettings(object.providerId, type);
            await recordObservedSettings(db, scope, rowIds.get(object.providerId) as string, settings.map(observedSetting));
          }),
        );
      }
    }
    seen += objects.length;
    sync.cursor = {
      type,
      nextLink: page.next?.nextLink ?? null,
      pageIndex: page.next?.pageIndex ?? page.index + 1,
      seen,
      ...(reported === undefined ? {} : { reported }),
    };
    await save(db, run, sync, (sync.completedTypes.length + 0.5) / sync.types.length, type, seen);
  }
  sync.providerTotals[type] = seen;
  if (reported !== undefined) sync.reportedCounts[type] = reported;
  await settleUnseen(db, client, scope, type, seen, reported);
  sync.completedTypes.push(type);
  sync.cursor = undefined;
  await save(db, run, sync, sync.completedTypes.length / sync.types.length);
  await recordRunStep(db, scope.runId, { code: "type_read", params: { type, count: seen } });
}

/**
 * Known objects this run did not see. A listing that met the provider's total proves they are gone;
 * one short of it proves nothing (none is marked, the adapter names the gap); without a total, only
 * those the provider answers 404 for by id are gone.
 */
async function settleUnseen(db: Db, client: GraphClient, scope: InventoryScope, type: ContractKey, seen: number, reported?: number) {
  if (reported !== undefined) {
    if (seen >= reported) await markDisappeared(db, scope, type);
    return;
  }
  await markDisappeared(db, scope, type, await confirmedDeleted(client, type, await unseenProviderIds(db, scope, type)));
}

function observed(item: GraphObject, displayNameField: string) {
  const settingCount = item.settingCount;
  return {
    providerId: String(item.id),
    displayName: String(item[displayNameField] ?? item.displayName ?? item.id),
    odataType: typeof item["@odata.type"] === "string" ? (item["@odata.type"] as string) : null,
    payload: item,
    // The provider's own count is the evidence the adapter checks stored settings against.
    settingsCount: typeof settingCount === "number" ? settingCount : null,
  };
}

function observedSetting(setting: GraphObject) {
  const instance = setting.settingInstance as { settingDefinitionId?: string } | undefined;
  return { settingId: String(setting.id), definitionId: instance?.settingDefinitionId ?? null, payload: setting };
}

async function save(
  db: Db,
  run: HeldRun,
  sync: InventorySyncContext,
  progress: number,
  currentType?: string,
  currentSeen?: number,
): Promise<OperationRun> {
  const counts: Record<string, number> = { ...sync.providerTotals };
  if (currentType && currentSeen !== undefined) counts[currentType] = currentSeen;
  counts.total = Object.values(counts).reduce((sum, value) => sum + value, 0);
  return reportProgress(db, run, { progress, summaryCounts: counts, context: { ...sync } });
}
