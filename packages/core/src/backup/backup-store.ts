import type { BackupSet, Db, OperationRun } from "@atlas/db";
import type { Prisma } from "@atlas/db";
import type { BackupCaptureContext, CaptureGap } from "./capture-context.ts";
import { expectedCounts, expectedTotals } from "./provider-totals.ts";

export interface CapturedObjectInput {
  objectType: string;
  providerId: string;
  displayName: string;
  isFoundation: boolean;
  raw: Record<string, unknown>;
  normalized: Record<string, unknown>;
  contentHash: string;
  gaps: CaptureGap[];
  /** The provider's own settings total (settingCount or the settings list's @odata.count), where the type has settings. */
  reportedSettingsCount?: number;
}

/** The run's backup set, created on first claim; a resumed job finds the same one. */
export async function ensureBackupSet(db: Db, run: OperationRun, capture: BackupCaptureContext): Promise<BackupSet> {
  if (capture.backupSetId) {
    const existing = await db.backupSet.findUnique({ where: { id: capture.backupSetId } });
    if (existing) return existing;
  }
  const environment = await db.managedEnvironment.findUniqueOrThrow({ where: { id: run.managedEnvironmentId ?? "" } });
  const name = capture.name?.trim() || `${environment.name} ${run.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  return db.backupSet.create({
    data: {
      workspaceId: run.workspaceId,
      managedEnvironmentId: environment.id,
      name,
      trigger: capture.trigger,
      operationRunId: run.id,
    },
  });
}

/**
 * Stores one captured object: its version is reused when the normalized content is unchanged
 * (same hash), so a backup of a quiet tenant adds items, not payloads. Idempotent per item.
 */
export async function recordCapturedObject(
  db: Db,
  scope: { workspaceId: string; environmentId: string; runId: string; backupSetId?: string },
  input: CapturedObjectInput,
): Promise<{ policyVersionId: string; reused: boolean }> {
  const rawJson = JSON.stringify(input.raw);
  const inserted = await db.$queryRaw<{ id: string }[]>`
    insert into policy_versions (workspace_id, managed_environment_id, object_type, provider_id, display_name, raw_payload,
                                 normalized_payload, content_hash, payload_bytes, captured_by_run_id)
    values (${scope.workspaceId}::uuid, ${scope.environmentId}::uuid, ${input.objectType}, ${input.providerId}, ${input.displayName},
            ${rawJson}::jsonb, ${JSON.stringify(input.normalized)}::jsonb, ${input.contentHash}, ${Buffer.byteLength(rawJson)}, ${scope.runId}::uuid)
    on conflict (managed_environment_id, object_type, provider_id, content_hash) do nothing
    returning id`;
  const version =
    inserted[0] ??
    (await db.policyVersion.findUniqueOrThrow({
      where: {
        managedEnvironmentId_objectType_providerId_contentHash: {
          managedEnvironmentId: scope.environmentId,
          objectType: input.objectType,
          providerId: input.providerId,
          contentHash: input.contentHash,
        },
      },
      select: { id: true },
    }));
  if (scope.backupSetId) {
    const data = {
      displayName: input.displayName,
      isFoundation: input.isFoundation,
      policyVersionId: version.id,
      gaps: input.gaps as unknown as Prisma.InputJsonValue,
      reportedSettingsCount: input.reportedSettingsCount ?? null,
    };
    await db.backupItem.upsert({
      where: {
        backupSetId_objectType_providerId: { backupSetId: scope.backupSetId, objectType: input.objectType, providerId: input.providerId },
      },
      create: {
        backupSetId: scope.backupSetId,
        workspaceId: scope.workspaceId,
        managedEnvironmentId: scope.environmentId,
        objectType: input.objectType,
        providerId: input.providerId,
        ...data,
      },
      update: data,
    });
  }
  return { policyVersionId: version.id, reused: inserted.length === 0 };
}

export interface TypeCompleteness {
  providerTotal: number;
  captured: number;
  gaps: { providerId: string; displayName: string; code: string; message: string }[];
}

/** Completeness per type as the stored items show it (not as the job believes). */
export async function computeCompleteness(
  db: Db | Prisma.TransactionClient,
  backupSetId: string,
  providerTotals: Record<string, number>,
): Promise<Record<string, TypeCompleteness>> {
  const items = await db.backupItem.findMany({
    where: { backupSetId },
    select: { objectType: true, providerId: true, displayName: true, gaps: true },
  });
  const result: Record<string, TypeCompleteness> = {};
  for (const [type, providerTotal] of Object.entries(providerTotals)) result[type] = { providerTotal, captured: 0, gaps: [] };
  for (const item of items) {
    result[item.objectType] ??= { providerTotal: 0, captured: 0, gaps: [] };
    const entry = result[item.objectType] as TypeCompleteness;
    entry.captured += 1;
    for (const gap of item.gaps as unknown as CaptureGap[])
      entry.gaps.push({ providerId: item.providerId, displayName: item.displayName, ...gap });
  }
  return result;
}

/** Ends capture: the set becomes immutable with its completeness record against the provider's own totals. */
export async function sealBackupSet(db: Db, set: BackupSet, capture: BackupCaptureContext): Promise<void> {
  await completeBackupSet(db, set.id, expectedCounts(await expectedTotals(db, set, capture)));
}

/** Ends capture: the set becomes immutable with its completeness record. */
export async function completeBackupSet(db: Db, backupSetId: string, providerTotals: Record<string, number>): Promise<void> {
  const completeness = await computeCompleteness(db, backupSetId, providerTotals);
  const itemCount = Object.values(completeness).reduce((sum, entry) => sum + entry.captured, 0);
  const hasGaps = Object.values(completeness).some((entry) => entry.gaps.length > 0 || entry.captured !== entry.providerTotal);
  await db.backupSet.updateMany({
    where: { id: backupSetId, status: "capturing" },
    data: {
      status: "completed",
      completeness: completeness as unknown as Prisma.InputJsonValue,
      itemCount,
      hasGaps,
      completedAt: new Date(),
    },
  });
}
