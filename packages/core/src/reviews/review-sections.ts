import type { Db, Prisma } from "@atlas/db";
import type { TypeCompleteness } from "../backup/backup-store.ts";
import { diffNormalizedPayloads } from "../backup/version-diff.ts";
import type { ReviewEvidence } from "./review-evidence.ts";

type Reader = Db | Prisma.TransactionClient;

/** A setting-level change as the review shows it: values rendered as (bounded) text. */
export interface ReviewSettingChange {
  kind: "added" | "removed" | "changed";
  path: string;
  before: string | null;
  after: string | null;
}

export interface ReviewAttentionItem {
  severity: "high" | "medium" | "info";
  code: string;
  message: string;
}

/** The composed document: what a customer reads, with counts and tables per section. */
export interface ReviewSections {
  attention: ReviewAttentionItem[];
  inventory: { syncRunId: string | null; rows: { objectType: string; inventory: number; backup: number }[] };
  backup: {
    backupSetId: string | null;
    name: string | null;
    completedAt: string | null;
    rows: { objectType: string; providerTotal: number; captured: number; gaps: { displayName: string; message: string }[] }[];
  };
  changes: {
    baselineReviewId: string | null;
    baselineBackupSetId: string | null;
    policies: {
      objectType: string;
      providerId: string;
      displayName: string;
      kind: "added" | "removed" | "changed";
      fromVersionId: string | null;
      toVersionId: string | null;
      settings: ReviewSettingChange[];
    }[];
  };
  restores: { restoreRunId: string; status: string; runId: string | null; outcome: string | null; proven: boolean }[];
  operations: { runId: string; type: string; outcome: string; completedAt: string | null; gaps: { code: string; message: string }[] }[];
}

/** Longer values are cut: a review names what changed, the policy history has the full payloads. */
const VALUE_LIMIT = 300;
function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > VALUE_LIMIT ? `${text.slice(0, VALUE_LIMIT)}…` : text;
}

async function inventorySection(db: Reader, evidence: ReviewEvidence): Promise<ReviewSections["inventory"]> {
  const scope = { workspaceId: evidence.workspaceId, managedEnvironmentId: evidence.environmentId };
  const inventory = await db.inventoryItem.groupBy({
    by: ["objectType"],
    where: { ...scope, disappearedAt: null },
    _count: { _all: true },
  });
  const backup = evidence.backupSet
    ? await db.backupItem.groupBy({ by: ["objectType"], where: { backupSetId: evidence.backupSet.id }, _count: { _all: true } })
    : [];
  const types = [...new Set([...inventory, ...backup].map((row) => row.objectType))].sort();
  const count = (rows: typeof inventory, type: string) => rows.find((row) => row.objectType === type)?._count._all ?? 0;
  return {
    syncRunId: evidence.inventorySyncRunId,
    rows: types.map((objectType) => ({ objectType, inventory: count(inventory, objectType), backup: count(backup, objectType) })),
  };
}

async function backupSection(db: Reader, evidence: ReviewEvidence): Promise<ReviewSections["backup"]> {
  if (!evidence.backupSet) return { backupSetId: null, name: null, completedAt: null, rows: [] };
  const set = await db.backupSet.findUniqueOrThrow({ where: { id: evidence.backupSet.id } });
  const completeness = set.completeness as unknown as Record<string, TypeCompleteness>;
  return {
    backupSetId: set.id,
    name: set.name,
    completedAt: set.completedAt?.toISOString() ?? null,
    rows: Object.entries(completeness)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([objectType, entry]) => ({
        objectType,
        providerTotal: entry.providerTotal,
        captured: entry.captured,
        gaps: entry.gaps.map((gap) => ({ displayName: gap.displayName, message: gap.message })),
      })),
  };
}

export type ReviewPolicyChange = ReviewSections["changes"]["policies"][number];

/**
 * Per policy, what differs from one backup set to another: added, removed, and changed with the
 * setting-level differences of their normalized payloads. Sorted by type and name.
 */
export async function diffBackupSets(db: Reader, fromSetId: string, toSetId: string): Promise<ReviewPolicyChange[]> {
  if (fromSetId === toSetId) return [];
  const select = { objectType: true, providerId: true, displayName: true, policyVersionId: true } as const;
  const [before, after] = await Promise.all([
    db.backupItem.findMany({ where: { backupSetId: fromSetId }, select }),
    db.backupItem.findMany({ where: { backupSetId: toSetId }, select }),
  ]);
  const key = (item: { objectType: string; providerId: string }) => `${item.objectType}\t${item.providerId}`;
  const earlier = new Map(before.map((item) => [key(item), item]));
  const later = new Map(after.map((item) => [key(item), item]));
  const changedPairs = after.filter((item) => earlier.has(key(item)) && earlier.get(key(item))?.policyVersionId !== item.policyVersionId);
  const versionIds = changedPairs.flatMap((item) => [item.policyVersionId, earlier.get(key(item))?.policyVersionId ?? ""]);
  const versions = new Map(
    (await db.policyVersion.findMany({ where: { id: { in: versionIds } }, select: { id: true, normalizedPayload: true } })).map(
      (version) => [version.id, version.normalizedPayload],
    ),
  );
  type Item = (typeof after)[number];
  const entry = (
    item: Item,
    kind: "added" | "removed" | "changed",
    fromVersionId: string | null,
    settings: ReviewSettingChange[] = [],
  ): ReviewPolicyChange => ({
    objectType: item.objectType,
    providerId: item.providerId,
    displayName: item.displayName,
    kind,
    fromVersionId,
    toVersionId: kind === "removed" ? null : item.policyVersionId,
    settings,
  });
  const policies: ReviewPolicyChange[] = [];
  for (const item of changedPairs) {
    const fromVersionId = earlier.get(key(item))?.policyVersionId ?? null;
    const settings = diffNormalizedPayloads(versions.get(fromVersionId ?? ""), versions.get(item.policyVersionId)).map((change) => ({
      kind: change.kind,
      path: change.path,
      before: asText(change.before),
      after: asText(change.after),
    }));
    policies.push(entry(item, "changed", fromVersionId, settings));
  }
  for (const item of after.filter((candidate) => !earlier.has(key(candidate)))) policies.push(entry(item, "added", null));
  for (const item of before.filter((candidate) => !later.has(key(candidate)))) policies.push(entry(item, "removed", item.policyVersionId));
  return policies.sort((a, b) => a.objectType.localeCompare(b.objectType) || a.displayName.localeCompare(b.displayName));
}

/** Per policy, what differs between the previous published review's backup and the newest one. */
async function changesSection(db: Reader, evidence: ReviewEvidence): Promise<ReviewSections["changes"]> {
  const baselineSetId = evidence.previousPublished?.backupSetId ?? null;
  return {
    baselineReviewId: evidence.previousPublished?.reviewId ?? null,
    baselineBackupSetId: baselineSetId,
    policies: baselineSetId && evidence.backupSet ? await diffBackupSets(db, baselineSetId, evidence.backupSet.id) : [],
  };
}

async function operationsSection(db: Reader, evidence: ReviewEvidence): Promise<ReviewSections["operations"]> {
  const runs = await db.operationRun.findMany({
    where: { id: { in: evidence.proofGapRunIds } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return runs.map((run) => {
    const latest = (run.context as { reconciliation?: { latest?: { proofGaps?: { code: string; message: string }[] } } }).reconciliation
      ?.latest;
    return {
      runId: run.id,
      type: run.type,
      outcome: run.outcome,
      completedAt: run.completedAt?.toISOString() ?? null,
      gaps: (latest?.proofGaps ?? []).map((gap) => ({ code: gap.code, message: gap.message })),
    };
  });
}

/** What needs attention first, most severe first. */
function attentionOf(evidence: ReviewEvidence, sections: Omit<ReviewSections, "attention">): ReviewAttentionItem[] {
  const items: ReviewAttentionItem[] = [];
  if (!evidence.backupSet) items.push({ severity: "high", code: "NO_BACKUP", message: "No completed backup exists for this environment." });
  const incomplete = sections.backup.rows.filter((row) => row.captured < row.providerTotal || row.gaps.length > 0);
  if (incomplete.length > 0)
    items.push({
      severity: "high",
      code: "BACKUP_INCOMPLETE",
      message: `The newest backup is incomplete for ${incomplete.length} object type(s): ${incomplete.map((row) => row.objectType).join(", ")}.`,
    });
  const unproven = sections.restores.filter((restore) => !restore.proven && restore.status !== "dry_run_completed");
  if (unproven.length > 0)
    items.push({ severity: "high", code: "RESTORE_NOT_PROVEN", message: `${unproven.length} restore(s) of the period are not proven.` });
  for (const finding of evidence.openSafetyFindings)
    items.push({
      severity: "medium",
      code: "OPEN_SAFETY_FINDINGS",
      message: `A planned restore has blocking safety checks: ${finding.codes.join(", ")}.`,
    });
  if (sections.operations.length > 0)
    items.push({
      severity: "medium",
      code: "PROOF_GAPS",
      message: `${sections.operations.length} operation(s) of the period have proof gaps.`,
    });
  if (!evidence.inventorySyncRunId)
    items.push({ severity: "medium", code: "NO_INVENTORY_SYNC", message: "No inventory sync has succeeded yet." });
  if (sections.changes.policies.length > 0)
    items.push({
      severity: "info",
      code: "CHANGES",
      message: `${sections.changes.policies.length} polic(ies) changed since the last published review.`,
    });
  return items;
}

/** Composes the document from the evidence, reading local records only. */
export async function composeReviewSections(db: Reader, evidence: ReviewEvidence): Promise<ReviewSections> {
  const [inventory, backup, changes, operations] = await Promise.all([
    inventorySection(db, evidence),
    backupSection(db, evidence),
    changesSection(db, evidence),
    operationsSection(db, evidence),
  ]);
  const restores = evidence.restores.map((restore) => ({
    restoreRunId: restore.id,
    status: restore.status,
    runId: restore.runId,
    outcome: restore.runOutcome,
    // The restore.execute adapter's verdict is the proof; a finished status alone is not.
    proven: restore.status === "completed" && restore.runOutcome === "succeeded" && restore.decision === "reconciled",
  }));
  const rest = { inventory, backup, changes, restores, operations };
  return { attention: attentionOf(evidence, rest), ...rest };
}

/** The document's headline counts, by name (what a list or a summary shows). */
export function reviewCounts(sections: Partial<ReviewSections>): { key: string; value: number }[] {
  const backupRows = sections.backup?.rows ?? [];
  const policies = sections.changes?.policies ?? [];
  const restores = sections.restores ?? [];
  const counts = {
    attention: sections.attention?.length ?? 0,
    inventoryObjects: (sections.inventory?.rows ?? []).reduce((sum, row) => sum + row.inventory, 0),
    backupObjects: backupRows.reduce((sum, row) => sum + row.captured, 0),
    backupGaps: backupRows.reduce((sum, row) => sum + row.gaps.length + Math.max(0, row.providerTotal - row.captured), 0),
    changedPolicies: policies.length,
    changedSettings: policies.reduce((sum, policy) => sum + policy.settings.length, 0),
    restores: restores.length,
    restoresUnproven: restores.filter((restore) => !restore.proven && restore.status !== "dry_run_completed").length,
    proofGapRuns: sections.operations?.length ?? 0,
  };
  return Object.entries(counts).map(([key, value]) => ({ key, value }));
}
