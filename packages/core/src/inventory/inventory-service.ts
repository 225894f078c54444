import type { Db } from "@atlas/db";
import { Prisma } from "@atlas/db";

export interface ObservedObject {
  providerId: string;
  displayName: string;
  odataType?: string | null;
  payload: Record<string, unknown>;
  settingsCount?: number | null;
}

export interface InventoryScope {
  workspaceId: string;
  environmentId: string;
  runId: string;
}

/**
 * Upserts one page of observed objects. Keyed by (environment, type, provider id), so a retried or
 * resumed page updates the same rows: nothing is lost or doubled.
 */
export async function recordObservedObjects(db: Db, scope: InventoryScope, objectType: string, objects: ObservedObject[]): Promise<Map<string, string>> {
  const now = new Date();
  const ids = new Map<string, string>();
  await db.$transaction(async (tx) => {
    for (const object of objects) {
      const data = {
        displayName: object.displayName,
        odataType: object.odataType ?? null,
        payload: object.payload as Prisma.InputJsonValue,
        settingsCount: object.settingsCount ?? null,
        lastObservedAt: now,
        lastSeenRunId: scope.runId,
        disappearedAt: null,
        updatedAt: now,
      };
      const row = await tx.inventoryItem.upsert({
        where: { managedEnvironmentId_objectType_providerId: { managedEnvironmentId: scope.environmentId, objectType, providerId: object.providerId } },
        create: { workspaceId: scope.workspaceId, managedEnvironmentId: scope.environmentId, objectType, providerId: object.providerId, ...data },
        update: data,
        select: { id: true },
      });
      ids.set(object.providerId, row.id);
    }
  });
  return ids;
}

export interface ObservedSetting {
  settingId: string;
  definitionId?: string | null;
  payload: Record<string, unknown>;
}

/** Stores all settings of one item; settings it no longer has are removed. */
export async function recordObservedSettings(db: Db, scope: InventoryScope, inventoryItemId: string, settings: ObservedSetting[]): Promise<void> {
  await db.$transaction(async (tx) => {
    for (const setting of settings) {
      const data = { definitionId: setting.definitionId ?? null, payload: setting.payload as Prisma.InputJsonValue, lastSeenRunId: scope.runId };
      await tx.inventorySetting.upsert({
        where: { inventoryItemId_settingId: { inventoryItemId, settingId: setting.settingId } },
        create: { workspaceId: scope.workspaceId, managedEnvironmentId: scope.environmentId, inventoryItemId, settingId: setting.settingId, ...data },
        update: data,
      });
    }
    await tx.inventorySetting.deleteMany({ where: { inventoryItemId, settingId: { notIn: settings.map((s) => s.settingId) } } });
  });
}

/** Objects of a fully read type that this run did not see have disappeared from the tenant. */
export async function markDisappeared(db: Db, scope: InventoryScope, objectType: string): Promise<number> {
  const result = await db.inventoryItem.updateMany({
    where: {
      workspaceId: scope.workspaceId,
      managedEnvironmentId: scope.environmentId,
      objectType,
      disappearedAt: null,
      OR: [{ lastSeenRunId: { not: scope.runId } }, { lastSeenRunId: null }],
    },
    data: { disappearedAt: new Date() },
  });
  return result.count;
}
