import type { Db, OperationRun } from "@atlas/db";
import { readRunContext } from "../operations/run-context.ts";
import { type AdapterProofGap, type AdapterVerdict, type EvidenceRef, type ReconciliationAdapter, executionNotFinished } from "./types.ts";

/**
 * An inventory sync is proven when, for every type it read, the inventory rows this run observed
 * equal what it listed and meet the provider's own total (`@odata.count`) where it gave one, no
 * known object stays unaccounted for (neither seen again nor confirmed deleted), and every settings
 * catalog policy has all its settings.
 */
export const inventorySyncAdapter: ReconciliationAdapter = {
  name: "inventorySyncAdapter",
  version: "2",
  supports: (type) => type === "inventory.sync",
  deadlineOutcome: "failed",
  async reconcile(db: Db, run: OperationRun): Promise<AdapterVerdict> {
    const sync = readRunContext("inventory.sync", run.context);
    if (!sync.executionFinishedAt) return executionNotFinished("The sync has not finished reading the tenant yet.");
    const gaps: AdapterProofGap[] = [];
    const evidence: EvidenceRef[] = [{ kind: "execution_finished_at", value: sync.executionFinishedAt }];
    const scope = { workspaceId: run.workspaceId, managedEnvironmentId: run.managedEnvironmentId ?? "" };
    if (sync.types.length === 0 || Object.keys(sync.providerTotals).length < sync.types.length) {
      gaps.push({
        code: "PROVIDER_TOTALS_MISSING",
        message: "The run did not record a provider total for every type.",
        expectedEvidence: "providerTotals per type",
      });
    }
    for (const type of sync.types) {
      const expected = sync.providerTotals[type];
      const observed = await db.inventoryItem.count({ where: { ...scope, objectType: type, lastSeenRunId: run.id, disappearedAt: null } });
      evidence.push({ kind: "inventory_count", id: type, value: `${observed}/${expected ?? "?"}` });
      if (expected !== undefined && observed !== expected) {
        gaps.push({
          code: "INVENTORY_COUNT_MISMATCH",
          params: { type, expected, observed },
          message: `${type}: the listing returned ${expected} objects, the inventory holds ${observed} from this run.`,
          expectedEvidence: `${expected} inventory rows of ${type} observed by this run`,
        });
      }
      const reported = sync.reportedCounts[type];
      if (reported !== undefined && observed < reported) {
        gaps.push({
          code: "PROVIDER_COUNT_NOT_MET",
          params: { type, reported, observed },
          message: `${type}: the provider reported ${reported} objects, this run observed ${observed}; none was marked disappeared.`,
          expectedEvidence: `${reported} inventory rows of ${type} observed by this run (@odata.count)`,
        });
      }
      if (!sync.completedTypes.includes(type)) continue;
      // Known before this run, not seen by it, not confirmed deleted (rows a later run saw are excluded).
      const unconfirmed = await db.inventoryItem.count({
        where: {
          ...scope,
          objectType: type,
          disappearedAt: null,
          OR: [{ lastSeenRunId: { not: run.id } }, { lastSeenRunId: null }],
          lastObservedAt: { lt: run.startedAt ?? run.createdAt },
        },
      });
      if (unconfirmed > 0) {
        gaps.push({
          code: "PREVIOUS_OBJECTS_UNCONFIRMED",
          params: { type, count: unconfirmed },
          message: `${type}: ${unconfirmed} known object(s) were missing from the listing and not confirmed deleted; they are kept, not marked disappeared.`,
          expectedEvidence: `each known ${type} object seen again, or confirmed deleted (404)`,
        });
      }
    }
    const itemsWithSettings = await db.inventoryItem.findMany({
      where: { ...scope, lastSeenRunId: run.id, settingsCount: { not: null } },
      select: { id: true, displayName: true, settingsCount: true, _count: { select: { settings: { where: { lastSeenRunId: run.id } } } } },
    });
    for (const item of itemsWithSettings) {
      evidence.push({ kind: "settings_count", id: item.id, value: `${item._count.settings}/${item.settingsCount}` });
      if (item._count.settings !== item.settingsCount) {
        gaps.push({
          code: "SETTINGS_INCOMPLETE",
          params: { name: item.displayName, stored: item._count.settings, total: item.settingsCount ?? 0 },
          message: `"${item.displayName}": ${item._count.settings} of ${item.settingsCount} settings stored.`,
          expectedEvidence: `${item.settingsCount} settings`,
        });
      }
    }
    if (gaps.length > 0)
      return { decision: "reconciled", outcome: "failed", reasonCode: "inventory_incomplete", proofGaps: gaps, evidence };
    return { decision: "reconciled", outcome: "succeeded", reasonCode: "inventory_matches_provider", proofGaps: [], evidence };
  },
};
