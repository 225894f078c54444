// Where a deployment's restore runs read their objects from. The restore pipeline reads items from
// a backup set (restore_items.backup_item_id -> policy_versions.raw_payload), so a baseline needs
// one: the backup its items were all taken from (its foundations then map references across
// tenants, as a drift revert does), or else the baseline version written out as a set of the target.

import { contractFor, type ContractKey } from "@atlas/graph-client";
import type { BaselineItem, Db, Prisma } from "@atlas/db";
import { type Actor, can } from "../access/actor.ts";
import type { BaselineItemSource } from "../baselines/baseline-items.ts";

export type DeploymentSource =
  | { kind: "backup"; backupSetId: string; backupItemIds: string[] }
  /** No usable backup: each target gets the version materialized as a `baseline` set. */
  | { kind: "materialize" };

type BackupSource = Extract<BaselineItemSource, { kind: "backup" }>;

/**
 * The backup the items all came from, if it still holds every one of them completed and the actor
 * may plan restores from its environment; otherwise the version is materialized per target (imported
 * files, a baseline edited from several sources, a backup retention removed).
 */
export async function deploymentSourceOf(db: Db, actor: Actor, items: readonly BaselineItem[]): Promise<DeploymentSource> {
  const sources = items.map((item) => item.source as unknown as BaselineItemSource);
  if (sources.some((source) => source.kind !== "backup")) return { kind: "materialize" };
  const backups = sources as BackupSource[];
  const setIds = new Set(backups.map((source) => source.backupSetId));
  if (setIds.size !== 1) return { kind: "materialize" };
  const set = await db.backupSet.findUnique({ where: { id: backups[0]!.backupSetId } });
  const usable = set?.status === "completed" && set.trigger !== "baseline" && can(actor, "restore.preview", set);
  if (!set || !usable) return { kind: "materialize" };
  const backupItemIds = backups.map((source) => source.backupItemId);
  const present = await db.backupItem.count({ where: { backupSetId: set.id, id: { in: backupItemIds } } });
  if (present !== backupItemIds.length) return { kind: "materialize" };
  return { kind: "backup", backupSetId: set.id, backupItemIds };
}

/** A provider id no tenant object has: the item is found in the target by type and name only. */
export const materializedProviderId = (baselineItemId: string) => `baseline:${baselineItemId}`;

/**
 * Writes the baseline version as a completed `baseline` backup set of the target environment: one
 * item per baseline item, its policy version holding the item's normalized payload as the raw
 * payload (normalized payloads are restorable documents: ids and server stamps stripped, @odata.type
 * kept). Policy versions are keyed by content, so deploying the same version again reuses them.
 */
export async function materializeBaselineVersion(
  db: Db,
  input: {
    workspaceId: string;
    environmentId: string;
    baselineName: string;
    versionNumber: number;
    items: readonly BaselineItem[];
  },
): Promise<string> {
  const { workspaceId, environmentId, items } = input;
  return db.$transaction(async (tx) => {
    const now = new Date();
    const set = await tx.backupSet.create({
      data: {
        workspaceId,
        managedEnvironmentId: environmentId,
        name: `Baseline "${input.baselineName}" v${input.versionNumber}`,
        trigger: "baseline",
        status: "completed",
        itemCount: items.length,
        hasGaps: false,
        completedAt: now,
      },
    });
    await tx.policyVersion.createMany({
      skipDuplicates: true,
      data: items.map((item) => ({
        workspaceId,
        managedEnvironmentId: environmentId,
        objectType: item.objectType,
        providerId: materializedProviderId(item.id),
        displayName: item.displayName,
        rawPayload: item.normalizedPayload as Prisma.InputJsonValue,
        normalizedPayload: item.normalizedPayload as Prisma.InputJsonValue,
        contentHash: item.contentHash,
        payloadBytes: Buffer.byteLength(JSON.stringify(item.normalizedPayload)),
        capturedAt: now,
      })),
    });
    const versions = await tx.policyVersion.findMany({
      where: { managedEnvironmentId: environmentId, providerId: { in: items.map((item) => materializedProviderId(item.id)) } },
      select: { id: true, providerId: true, contentHash: true },
    });
    const versionOf = new Map(versions.map((version) => [`${version.providerId}\u0000${version.contentHash}`, version.id]));
    await tx.backupItem.createMany({
      data: items.map((item) => {
        const providerId = materializedProviderId(item.id);
        return {
          backupSetId: set.id,
          workspaceId,
          managedEnvironmentId: environmentId,
          objectType: item.objectType,
          providerId,
          displayName: item.displayName,
          isFoundation: contractFor(item.objectType as ContractKey).isFoundation,
          policyVersionId: versionOf.get(`${providerId}\u0000${item.contentHash}`)!,
        };
      }),
    });
    return set.id;
  });
}
