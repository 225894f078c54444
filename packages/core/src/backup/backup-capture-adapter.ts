import type { Db, OperationRun } from "@atlas/db";
import type { CaptureGapCode } from "@atlas/graph-client";
import {
  type AdapterProofGap,
  type AdapterVerdict,
  type EvidenceRef,
  type ReconciliationAdapter,
  executionNotFinished,
} from "../reconciliation/types.ts";
import { readRunContext } from "../operations/run-context.ts";
import { expectedTotals } from "./provider-totals.ts";

/**
 * A backup is SUCCEEDED only when, for every type, the items stored in its set meet the provider's
 * own total (`@odata.count`; without one, the previous backup's objects not confirmed gone), every
 * stored policy holds the settings its provider total names, the set is sealed, and no item carries
 * a gap. Partial capture is PARTIALLY_SUCCEEDED with a proof gap per missing piece; nothing
 * captured is FAILED.
 */
export const backupCaptureAdapter: ReconciliationAdapter = {
  name: "backupCaptureAdapter",
  version: "2",
  supports: (type) => type === "backup.capture",
  deadlineOutcome: "partially_succeeded",
  async reconcile(db: Db, run: OperationRun): Promise<AdapterVerdict> {
    const capture = readRunContext("backup.capture", run.context);
    if (!capture.executionFinishedAt) return executionNotFinished("The backup is still capturing.");
    const set = capture.backupSetId ? await db.backupSet.findUnique({ where: { id: capture.backupSetId } }) : null;
    if (!set || set.workspaceId !== run.workspaceId || set.managedEnvironmentId !== run.managedEnvironmentId) {
      return {
        decision: "reconciled",
        outcome: "failed",
        reasonCode: "backup_set_missing",
        proofGaps: [
          {
            code: "BACKUP_SET_MISSING",
            message: "The run has no backup set of its own scope.",
            expectedEvidence: "a backup set of this environment linked to the run",
          },
        ],
        evidence: [],
      };
    }
    const gaps: AdapterProofGap[] = [];
    const evidence: EvidenceRef[] = [{ kind: "backup_set", id: set.id, value: set.status }];
    if (set.status !== "completed")
      gaps.push({ code: "BACKUP_SET_NOT_SEALED", message: "The backup set was not completed.", expectedEvidence: "status completed" });
    const counts = await db.backupItem.groupBy({ by: ["objectType"], where: { backupSetId: set.id }, _count: { _all: true } });
    const capturedByType = new Map(counts.map((row) => [row.objectType, row._count._all]));
    const expectations = await expectedTotals(db, set, capture);
    for (const type of capture.types) {
      const expected = capture.providerTotals[type];
      const captured = capturedByType.get(type) ?? 0;
      const provider = expectations[type];
      evidence.push({ kind: "type_count", id: type, value: `${captured}/${provider?.expected ?? "?"}` });
      if (provider?.reported !== undefined && captured < provider.reported) {
        gaps.push({
          code: "PROVIDER_COUNT_NOT_MET",
          params: { type, reported: provider.reported, observed: captured },
          message: `${type}: the provider reported ${provider.reported} objects, the pages listed ${expected} and ${captured} were captured.`,
          expectedEvidence: `${provider.reported} backup items of ${type} (@odata.count)`,
        });
      }
      if (provider && provider.unconfirmed.length > 0) {
        gaps.push({
          code: "PREVIOUS_OBJECTS_UNCONFIRMED",
          params: { type, count: provider.unconfirmed.length },
          message: `${type}: the provider gave no total and its listing lacked ${provider.unconfirmed.length} object(s) of the last good backup that were not confirmed deleted.`,
          expectedEvidence: `the last good backup's ${type} captured again, or each confirmed deleted (404)`,
        });
      }
      if (expected === undefined) {
        gaps.push({
          code: "PROVIDER_TOTAL_MISSING",
          params: { type },
          message: `${type}: no provider total was recorded.`,
          expectedEvidence: `provider total of ${type}`,
        });
      } else if (captured !== expected) {
        gaps.push({
          code: "TYPE_INCOMPLETE",
          params: { type, captured, expected },
          message: `${type}: ${captured} of ${expected} objects captured.`,
          expectedEvidence: `${expected} backup items of ${type}`,
        });
      }
    }
    gaps.push(...(await settingsShortfalls(db, set.id)));
    const itemsWithGaps = await db.backupItem.findMany({
      where: { backupSetId: set.id, NOT: { gaps: { equals: [] } } },
      select: { objectType: true, displayName: true, gaps: true },
      take: 50,
    });
    for (const item of itemsWithGaps) {
      // Item gaps were written from the capture's typed CaptureGap list.
      for (const gap of item.gaps as unknown as { code: CaptureGapCode; message: string }[]) {
        gaps.push({
          code: gap.code,
          params: { type: item.objectType, name: item.displayName },
          message: `${item.objectType} "${item.displayName}": ${gap.message}`,
          expectedEvidence: "a complete capture of the object",
        });
      }
    }
    if (gaps.length === 0) return { decision: "reconciled", outcome: "succeeded", reasonCode: "backup_complete", proofGaps: [], evidence };
    const anything = [...capturedByType.values()].some((count) => count > 0);
    return {
      decision: "reconciled",
      outcome: anything ? "partially_succeeded" : "failed",
      reasonCode: "backup_incomplete",
      proofGaps: gaps,
      evidence,
    };
  },
};

/**
 * Policies whose stored settings are fewer than the provider's own settings total, counted in the
 * stored payload itself. The capture keeps settings under `settings` (settings catalog, intents) or
 * `definitionValues` (ADMX), as the contract registry names them.
 */
async function settingsShortfalls(db: Db, backupSetId: string): Promise<AdapterProofGap[]> {
  const short = await db.$queryRaw<{ object_type: string; display_name: string; reported: number; stored: number }[]>`
    select object_type, display_name, reported, stored
      from (select bi.object_type, bi.display_name, bi.reported_settings_count as reported,
                   coalesce(case when jsonb_typeof(pv.raw_payload -> 'settings') = 'array' then jsonb_array_length(pv.raw_payload -> 'settings') end,
                            case when jsonb_typeof(pv.raw_payload -> 'definitionValues') = 'array' then jsonb_array_length(pv.raw_payload -> 'definitionValues') end,
                            0) as stored
              from backup_items bi
              join policy_versions pv on pv.id = bi.policy_version_id
             where bi.backup_set_id = ${backupSetId}::uuid and bi.reported_settings_count is not null) counted
     where stored < reported
     order by display_name
     limit 50`;
  return short.map((row) => ({
    code: "SETTINGS_COUNT_NOT_MET",
    params: { type: row.object_type, name: row.display_name, stored: row.stored, reported: row.reported },
    message: `${row.object_type} "${row.display_name}": ${row.stored} of the ${row.reported} settings the provider reported are stored.`,
    expectedEvidence: `${row.reported} stored settings`,
  }));
}

/** A snapshot is proven by the policy version it recorded, complete and of the same scope. */
export const policySnapshotAdapter: ReconciliationAdapter = {
  name: "policySnapshotAdapter",
  version: "1",
  supports: (type) => type === "policy.capture_snapshot",
  deadlineOutcome: "failed",
  async reconcile(db: Db, run: OperationRun): Promise<AdapterVerdict> {
    const context = readRunContext("policy.capture_snapshot", run.context);
    if (!context.executionFinishedAt) return executionNotFinished("The snapshot is still being captured.");
    const version = context.policyVersionId ? await db.policyVersion.findUnique({ where: { id: context.policyVersionId } }) : null;
    if (!version || version.managedEnvironmentId !== run.managedEnvironmentId) {
      return {
        decision: "reconciled",
        outcome: "failed",
        reasonCode: "version_missing",
        proofGaps: [
          {
            code: "VERSION_MISSING",
            message: "No policy version of this environment is linked to the run.",
            expectedEvidence: "policyVersionId",
          },
        ],
        evidence: [],
      };
    }
    const evidence = [{ kind: "policy_version", id: version.id, value: version.contentHash }];
    const gaps = context.gaps.map((gap) => ({
      code: gap.code as CaptureGapCode,
      message: gap.message,
      expectedEvidence: "a complete capture of the object",
    }));
    if (gaps.length > 0)
      return { decision: "reconciled", outcome: "partially_succeeded", reasonCode: "snapshot_incomplete", proofGaps: gaps, evidence };
    return { decision: "reconciled", outcome: "succeeded", reasonCode: "snapshot_captured", proofGaps: [], evidence };
  },
};
