import type { Db, Prisma } from "@atlas/db";

export interface SourceObject {
  objectType: string;
  providerId: string;
  displayName: string;
  isFoundation?: boolean;
}

/** A few objects of several kinds: a foundation, two policies, one preview-only type. */
export const SOURCE_OBJECTS: SourceObject[] = [
  { objectType: "deviceConfigurations", providerId: "dc-1", displayName: "Baseline" },
  { objectType: "deviceConfigurations", providerId: "dc-2", displayName: "Wi-Fi" },
  { objectType: "intents", providerId: "in-1", displayName: "Security baseline" },
  { objectType: "roleScopeTags", providerId: "tag-1", displayName: "Berlin", isFoundation: true },
];

/**
 * A completed backup set written directly (no capture has to run): one version and one item per
 * object. Returns the set and its items by display name.
 */
export async function insertCompletedBackupSet(
  db: Db,
  scope: { workspaceId: string; environmentId: string; name?: string },
  objects: SourceObject[] = SOURCE_OBJECTS,
) {
  const { workspaceId, environmentId } = scope;
  const set = await db.backupSet.create({
    data: {
      workspaceId,
      managedEnvironmentId: environmentId,
      name: scope.name ?? "restore source",
      trigger: "manual",
      status: "completed",
      itemCount: objects.length,
      completedAt: new Date(),
    },
  });
  const items: Record<string, { id: string; objectType: string }> = {};
  for (const object of objects) {
    const payload = { displayName: object.displayName, setting: object.providerId } as Prisma.InputJsonValue;
    const version = await db.policyVersion.create({
      data: {
        workspaceId,
        managedEnvironmentId: environmentId,
        objectType: object.objectType,
        providerId: object.providerId,
        displayName: object.displayName,
        rawPayload: payload,
        normalizedPayload: payload,
        contentHash: `hash-${set.id}-${object.providerId}`,
        payloadBytes: 40,
      },
    });
    const item = await db.backupItem.create({
      data: {
        backupSetId: set.id,
        workspaceId,
        managedEnvironmentId: environmentId,
        objectType: object.objectType,
        providerId: object.providerId,
        displayName: object.displayName,
        isFoundation: object.isFoundation ?? false,
        policyVersionId: version.id,
      },
    });
    items[object.displayName] = { id: item.id, objectType: item.objectType };
  }
  return { set, items };
}

/** The number of queued graphile-worker jobs (a refused confirm must not add one). */
export async function jobCount(db: Db, task?: string): Promise<number> {
  const rows = task
    ? await db.$queryRaw<{ count: number }[]>`select count(*)::int as count from graphile_worker.jobs where task_identifier = ${task}`
    : await db.$queryRaw<{ count: number }[]>`select count(*)::int as count from graphile_worker.jobs`;
  return rows[0]?.count ?? 0;
}
