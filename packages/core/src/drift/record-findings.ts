import type { Db, OperationRun, Prisma } from "@atlas/db";
import { itemKeyOf } from "../baselines/baseline-items.ts";
import { type DriftFindingDraft, type LiveObject, compareWithBaseline } from "../baselines/drift-compare.ts";
import type { DriftCheckContext } from "./drift-context.ts";

export const DRIFT_FINDING_STATES = ["OPEN", "ACCEPTED", "REVERTED", "RESOLVED"] as const;
export type DriftFindingState = (typeof DRIFT_FINDING_STATES)[number];
export const DRIFT_FINDING_KINDS = ["MISSING", "CHANGED", "UNMANAGED", "AMBIGUOUS"] as const;
export type DriftFindingKind = (typeof DRIFT_FINDING_KINDS)[number];

/** Findings a later check may still see or resolve; accepted and resolved ones are history. */
export const ACTIVE_DRIFT_STATES: DriftFindingState[] = ["OPEN", "REVERTED"];

const findingKey = (finding: { kind: string; objectType: string; displayName: string }) => `${finding.kind}\u0000${itemKeyOf(finding)}`;

/**
 * Types whose capture is complete (read to the end, every listed object captured, at least the
 * provider's own total, no object with a gap): only their objects are compared, and only their
 * findings resolve. The driftCheckAdapter judges the same numbers.
 */
export function completelyCapturedTypes(check: DriftCheckContext): Set<string> {
  const gapped = new Set(check.gaps.map((gap) => gap.params?.type).filter((type): type is string => typeof type === "string"));
  return new Set(
    check.types.filter((type) => {
      const captured = check.capturedCounts[type] ?? 0;
      return (
        check.completedTypes.includes(type) &&
        !gapped.has(type) &&
        captured === check.providerTotals[type] &&
        captured >= (check.reportedCounts[type] ?? 0)
      );
    }),
  );
}

/**
 * Compares the live objects with each baseline version of the check and records the findings: one
 * already active for the same object and kind is updated, a new one is OPEN, and an active one of a
 * completely captured type that this check no longer sees is RESOLVED. A gapped type is neither
 * compared nor resolved, so a short capture never reads as "no drift".
 */
export async function recordDriftFindings(
  db: Db,
  run: OperationRun,
  check: DriftCheckContext,
  live: readonly LiveObject[],
): Promise<{ recorded: number; resolved: number }> {
  const environmentId = run.managedEnvironmentId ?? "";
  const checked = completelyCapturedTypes(check);
  const comparable = live.filter((object) => checked.has(object.objectType));
  let recorded = 0;
  let resolved = 0;
  for (const versionId of check.baselineVersionIds) {
    const version = await db.baselineVersion.findUnique({ where: { id: versionId }, include: { items: true } });
    if (!version) continue;
    const acceptances = await db.driftAcceptance.findMany({
      where: { managedEnvironmentId: environmentId, baselineId: version.baselineId },
    });
    const acceptedKinds = new Map(acceptances.map((acceptance) => [itemKeyOf(acceptance), acceptance]));
    const items = version.items.filter((item) => checked.has(item.objectType));
    const acceptedByItemId = new Map<string, unknown>();
    for (const item of items) {
      const accepted = acceptedKinds.get(itemKeyOf(item));
      if (accepted?.kind === "CHANGED" && accepted.acceptedPayload !== null) acceptedByItemId.set(item.id, accepted.acceptedPayload);
    }
    const { findings } = compareWithBaseline({ items, live: comparable, acceptedByItemId });
    // An accepted absence, presence or ambiguity stays accepted while the tenant stays that way.
    const drafts = findings.filter((draft) => {
      const accepted = acceptedKinds.get(itemKeyOf(draft));
      return !(accepted && draft.kind !== "changed" && accepted.kind === draft.kind.toUpperCase());
    });
    const counts = await db.$transaction(async (tx) => writeFindings(tx, run, version, drafts, comparable, checked));
    recorded += counts.recorded;
    resolved += counts.resolved;
  }
  return { recorded, resolved };
}

async function writeFindings(
  tx: Prisma.TransactionClient,
  run: OperationRun,
  version: { id: string; baselineId: string; workspaceId: string },
  drafts: readonly DriftFindingDraft[],
  live: readonly LiveObject[],
  checked: ReadonlySet<string>,
): Promise<{ recorded: number; resolved: number }> {
  const environmentId = run.managedEnvironmentId ?? "";
  const active = await tx.driftFinding.findMany({
    where: { managedEnvironmentId: environmentId, baselineId: version.baselineId, state: { in: ACTIVE_DRIFT_STATES } },
  });
  const activeByKey = new Map(active.map((finding) => [findingKey(finding), finding]));
  const liveById = new Map(live.map((object) => [object.providerId, object]));
  const seen = new Set<string>();
  // New and seen-again findings are written in one statement each: a tenant far from its baseline
  // has hundreds, and a statement per finding made the transaction outlast its limit under load.
  const created: Prisma.DriftFindingCreateManyInput[] = [];
  const updated: SeenAgain[] = [];
  for (const draft of drafts) {
    const kind = draft.kind.toUpperCase() as DriftFindingKind;
    const key = findingKey({ ...draft, kind });
    seen.add(key);
    const observed = kind === "CHANGED" || kind === "UNMANAGED" ? liveById.get(draft.providerIds[0] ?? "") : undefined;
    const data = {
      baselineVersionId: version.id,
      baselineItemId: draft.baselineItemId,
      lastRunId: run.id,
      providerIds: draft.providerIds,
      settingChanges: draft.changes as unknown as Prisma.InputJsonValue,
      actualPayload: (observed?.normalizedPayload ?? undefined) as Prisma.InputJsonValue | undefined,
    };
    const existing = activeByKey.get(key);
    if (existing) updated.push({ id: existing.id, ...data });
    else
      created.push({
        ...data,
        workspaceId: version.workspaceId,
        managedEnvironmentId: environmentId,
        baselineId: version.baselineId,
        runId: run.id,
        kind,
        objectType: draft.objectType,
        displayName: draft.displayName,
      });
  }
  if (created.length > 0) await tx.driftFinding.createMany({ data: created });
  if (updated.length > 0) await updateSeenAgain(tx, updated);
  const gone = active.filter((finding) => !seen.has(findingKey(finding)) && checked.has(finding.objectType));
  if (gone.length > 0) {
    await tx.driftFinding.updateMany({
      where: { id: { in: gone.map((finding) => finding.id) } },
      data: { state: "RESOLVED", resolvedRunId: run.id, updatedAt: new Date() },
    });
  }
  return { recorded: drafts.length, resolved: gone.length };
}

/** A finding a check saw again, with the values this check observed. */
interface SeenAgain {
  id: string;
  baselineVersionId: string;
  baselineItemId?: string | null;
  lastRunId: string;
  providerIds: string[];
  settingChanges: Prisma.InputJsonValue;
  actualPayload?: Prisma.InputJsonValue;
}

/** Updates every finding a check saw again in one statement (each with its own values). */
async function updateSeenAgain(tx: Prisma.TransactionClient, findings: readonly SeenAgain[]) {
  const rows = findings.map((finding) => ({
    id: finding.id,
    baseline_version_id: finding.baselineVersionId,
    baseline_item_id: finding.baselineItemId ?? null,
    last_run_id: finding.lastRunId,
    provider_ids: finding.providerIds,
    setting_changes: finding.settingChanges,
    // Absent means "keep what is stored", as Prisma's undefined did.
    actual_payload: finding.actualPayload ?? null,
  }));
  await tx.$executeRaw`
    update drift_findings as finding
       set baseline_version_id = seen.baseline_version_id,
           baseline_item_id = seen.baseline_item_id,
           last_run_id = seen.last_run_id,
           provider_ids = seen.provider_ids,
           setting_changes = seen.setting_changes,
           actual_payload = coalesce(seen.actual_payload, finding.actual_payload),
           updated_at = now()
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as seen(
             id uuid, baseline_version_id uuid, baseline_item_id uuid, last_run_id uuid,
             provider_ids text[], setting_changes jsonb, actual_payload jsonb)
     where finding.id = seen.id`;
}
