import type { Db, OperationRun, Prisma, RestoreRun } from "@atlas/db";
import {
  type ContractKey,
  type GraphClient,
  builtInReasonOf,
  contractFor,
  normalizeCapture,
  normalizePayload,
  previewOnlyReasonOf,
} from "@atlas/graph-client";
import { type ProviderFailure, classifyProviderFailure } from "../operations/provider-failure.ts";
import { completeRun, reportProgress } from "../operations/run-lifecycle.ts";
import { readRunContext } from "../operations/run-context.ts";
import { reconcileRun } from "../reconciliation/reconcile-run.ts";
import { diffNormalizedPayloads } from "../backup/version-diff.ts";
import { type ConnectEnvironment, buildReferenceMaps, scopedFoundationIdsOf } from "./reference-maps.ts";
import type { SafetyCheck } from "./restore-status.ts";
import { transitionRestoreRun } from "./restore-transition.ts";
import { type CheckInput, evaluateSafetyChecks } from "./safety-checks.ts";
import { TargetClaims, claimantOf, collisionMessage, collisionParams, resolveTarget } from "./target-resolution.ts";
import { expectedHash, readBackHash } from "./verification-hash.ts";
import type { RestoreItemRow } from "./write-restore-item.ts";

type Action = "create" | "update" | "no_change" | "skip";
type Summary = { create: number; update: number; noChange: number; skip: number };

/** Only while this preview is still the run's current one (the scope may have changed meanwhile). */
const stillCurrent = (restore: RestoreRun, runId: string) => ({
  restoreRunId: restore.id,
  from: ["scoped", "checked", "previewed"] as RestoreRun["status"][],
  guard: (current: RestoreRun) => (current.previewOperationRunId === runId ? undefined : "a newer preview or scope replaced this one"),
  actor: { kind: "system", name: "restore.preview" } as const,
});

/**
 * Read-only: runs the safety checks and computes, per item, what execution would do (create,
 * update, no change, skip) and the noise-free diff against the target's current state. A target
 * that refuses the credentials ends the preview BLOCKED, one that cannot be reached FAILED, each
 * with its reason code and a blocker check on the restore run: never a preview of skipped items.
 */
export async function previewRestoreRun(db: Db, run: OperationRun, connect: ConnectEnvironment): Promise<void> {
  const runId = run.id;
  const restore = await db.restoreRun.findUnique({ where: { id: readRunContext("restore.preview", run.context).restoreRunId ?? "" } });
  const finish = async () => {
    const finished = await reportProgress(db, run, { progress: 1, context: { executionFinishedAt: new Date().toISOString() } });
    await reconcileRun(db, runId, { run: finished });
  };
  if (!restore || restore.deletedAt || restore.previewOperationRunId !== runId) return finish();
  const items: RestoreItemRow[] = await db.restoreItem.findMany({
    where: { restoreRunId: restore.id },
    include: { backupItem: { include: { policyVersion: { select: { rawPayload: true } } } } },
    orderBy: { ordinal: "asc" },
  });
  let planned: { checkInput: CheckInput; summary: Summary };
  try {
    const target = await connect(restore.managedEnvironmentId);
    await target.listGroups();
    planned = await planItems(db, run, restore, items, target, connect);
  } catch (error) {
    const failure = classifyProviderFailure(error);
    if (!failure) throw error;
    return endUnreachable(db, run, restore, failure);
  }
  const checks: SafetyCheck[] = evaluateSafetyChecks(planned.checkInput);
  await transitionRestoreRun(db, {
    ...stillCurrent(restore, runId),
    to: "previewed",
    reasonCode: "previewed",
    data: { checks: checks as unknown as Prisma.InputJsonValue, previewSummary: planned.summary },
  });
  await finish();
}

async function planItems(
  db: Db,
  run: OperationRun,
  restore: RestoreRun,
  items: RestoreItemRow[],
  target: GraphClient,
  connect: ConnectEnvironment,
): Promise<{ checkInput: CheckInput; summary: Summary }> {
  const summary: Summary = { create: 0, update: 0, noChange: 0, skip: 0 };
  const maps = await buildReferenceMaps(db, connect, restore, target, { scopedFoundationIds: scopedFoundationIdsOf(items) });
  const claims = new TargetClaims();
  const checkItems: CheckInput["items"] = [];
  for (const [index, item] of items.entries()) {
    const type = item.objectType as ContractKey;
    const document = item.backupItem.policyVersion.rawPayload as Record<string, unknown>;
    const { restoreSupport, previewOnlyReason } = contractFor(type);
    const previewOnly = restoreSupport === "previewOnly";
    // Built-in objects (Microsoft's roles and apps) and preview-only ones (line-of-business apps)
    // are shown, never written: nothing to resolve or plan.
    const builtIn = builtInReasonOf(type, document);
    const previewOnlyObject = previewOnlyReasonOf(type, document);
    const leftAlone = previewOnly || builtIn || previewOnlyObject;
    const resolution = leftAlone
      ? undefined
      : await resolveTarget(target, type, item.backupItem.providerId, item.displayName, maps.sameTenant, document["@odata.type"]);
    const matches = resolution?.matches ?? [];
    const targetId = matches.length === 1 ? String(matches[0]?.id) : null;
    const claimant = claimantOf(item);
    const collision =
      resolution && matches.length <= 1 ? claims.claim(claimant, { targetId, byName: resolution.matchedBy === "name" }) : undefined;
    const plan = leftAlone
      ? undefined
      : target.restorePayload(type, document, {
          idMap: maps.idMap,
          describe: maps.describe,
          mode: targetId ? "update" : "create",
          switchedOn: item.switchedOn,
        });
    const unmapped = (plan?.unmapped ?? []).map(({ kind, sourceId, displayName }) => ({ kind, sourceId, displayName }));
    let action: Action = "skip";
    let changes: unknown[] = [];
    if (leftAlone || collision || matches.length > 1 || (restore.scopeMode === "assignments_only" && !targetId)) action = "skip";
    else if (!targetId) {
      action = "create";
      changes = diffNormalizedPayloads({}, normalizePayload(type, plan?.expectedDocument ?? {}));
    } else {
      const current = await target.captureObject(type, targetId);
      const mode = restore.scopeMode;
      const same = plan && readBackHash(type, current, mode) === expectedHash(type, plan.expectedDocument, mode);
      action = same ? "no_change" : "update";
      changes = same ? [] : diffNormalizedPayloads(normalizeCapture(type, current), normalizePayload(type, plan?.expectedDocument ?? {}));
    }
    summary[action === "no_change" ? "noChange" : action] += 1;
    await db.restoreItem.update({
      where: { id: item.id },
      data: {
        previewAction: action,
        previewChanges: changes as Prisma.InputJsonValue,
        targetProviderId: collision ? null : targetId,
        unmappedReferences: unmapped as unknown as Prisma.InputJsonValue,
        updatedAt: new Date(),
      },
    });
    checkItems.push({
      id: item.id,
      displayName: item.displayName,
      objectType: type,
      previewOnly,
      ...(previewOnly && previewOnlyReason ? { previewOnlyReason } : {}),
      ...(builtIn ? { builtIn } : {}),
      ...(previewOnlyObject ? { previewOnlyObject } : {}),
      hasVersion: true,
      targetMatches: matches.length,
      unmappedReferences: unmapped,
      ...(collision ? { collision: { message: collisionMessage(claimant, collision), params: collisionParams(claimant, collision) } } : {}),
      captureGaps: ((item.backupItem.gaps ?? []) as { code?: string }[]).map((gap) => gap.code ?? "CAPTURE_GAP"),
      ...(plan?.enforcement && action !== "skip" ? { enforcement: plan.enforcement } : {}),
    });
    await reportProgress(db, run, { progress: (index + 1) / items.length, summaryCounts: { total: items.length, ...summary } });
  }
  const incompleteTypes = await incompleteTypesOf(db, restore);
  return { checkInput: { targetConnected: true, sameTenant: maps.sameTenant, incompleteTypes, items: checkItems }, summary };
}

/** Types the source backup set captured short of the provider's total, from its completeness record. */
async function incompleteTypesOf(db: Db, restore: RestoreRun): Promise<CheckInput["incompleteTypes"]> {
  const set = restore.sourceBackupSetId
    ? await db.backupSet.findUnique({ where: { id: restore.sourceBackupSetId }, select: { completeness: true } })
    : null;
  const completeness = (set?.completeness ?? {}) as Record<string, { captured?: number; providerTotal?: number }>;
  return Object.entries(completeness)
    .filter(([, entry]) => (entry.captured ?? 0) < (entry.providerTotal ?? 0))
    .map(([objectType, entry]) => ({ objectType, captured: entry.captured ?? 0, providerTotal: entry.providerTotal ?? 0 }));
}

/**
 * Nothing can be planned against a target that refuses or cannot be reached: the restore run gets
 * the blocker that says why (so the operator sees it in the wizard), and the preview run ends with
 * the provider failure's outcome and reason code instead of a "succeeded" list of skipped items.
 */
async function endUnreachable(db: Db, run: OperationRun, restore: RestoreRun, failure: ProviderFailure): Promise<void> {
  const checks = evaluateSafetyChecks({ targetConnected: false, targetProblem: failure, sameTenant: false, items: [] });
  await transitionRestoreRun(db, {
    ...stillCurrent(restore, run.id),
    to: "checked",
    reasonCode: failure.reasonCode,
    data: { checks: checks as unknown as Prisma.InputJsonValue, previewSummary: {} },
  });
  await completeRun(db, run.id, failure.outcome, {
    reasonCode: failure.reasonCode,
    message: failure.message,
    failure: true,
    heldBy: run.workerId,
  });
}
