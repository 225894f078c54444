import type { Db } from "@atlas/db";

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
export async function recordObservedObjects(
  db: Db,
  scope: InventoryScope,
  objectType: string,
  objects: ObservedObject[],
): Promise<Map<string, string>> {
  if (objects.length === 0) return new Map();
  const rows = objects.map((object) => ({
    provider_id: object.providerId,
    display_name: object.displayName,
    odata_type: object.odataType ?? null,
    payload: object.payload,
    settings_count: object.settingsCount ?? null,
  }));
  // One statement per page: a page is stored whole or not at all, and fast.
  const stored = await db.$queryRaw<{ id: string; provider_id: string }[]>`
    insert into inventory_items (workspace_id, managed_environment_id, object_type, provider_id, display_name, odata_type, payload,
                                 settings_count, last_observed_at, last_seen_run_id, disappeared_at, updated_at)
    select ${scope.workspaceId}::uuid, ${scope.environmentId}::uuid, ${objectType}, r.provider_id, r.display_name, r.odata_type, r.payload,
           r.settings_count, now(), ${scope.runId}::uuid, null, now()
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as r(provider_id text, display_name text, odata_type text, payload jsonb, settings_count integer)
    on conflict (managed_environment_id, object_type, provider_id) do update
       set display_name = excluded.display_name, odata_type = excluded.odata_type, payload = excluded.payload,
           settings_count = excluded.settings_count, last_observed_at = excluded.last_observed_at,
           last_seen_run_id = excluded.last_seen_run_id, disappeared_at = null, updated_at = excluded.updated_at
    returning id, provider_id`;
  return new Map(stored.map((row) => [row.provider_id, row.id]));
}

/** Stores all settings of one item; settings it no longer has are removed. */
export interface ObservedSetting {
  settingId: string;
  definitionId?: string | null;
  payload: Record<string, unknown>;
}

export async function recordObservedSettings(
  db: Db,
  scope: InventoryScope,
  inventoryItemId: string,
  settings: ObservedSetting[],
): Promise<void> {
  const rows = settings.map((setting) => ({
    setting_id: setting.settingId,
    definition_id: setting.definitionId ?? null,
    payload: setting.payload,
  }));
  await db.$transaction([
    db.$executeRaw`
      insert into inventory_settings (workspace_id, managed_environment_id, inventory_item_id, setting_id, definition_id, payload, last_seen_run_id)
      select ${scope.workspaceId}::uuid, ${scope.environmentId}::uuid, ${inventoryItemId}::uuid, r.setting_id, r.definition_id, r.payload, ${scope.runId}::uuid
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(setting_id text, definition_id text, payload jsonb)
      on conflict (inventory_item_id, setting_id) do update
         set definition_id = excluded.definition_id, payload = excluded.payload, last_seen_run_id = excluded.last_seen_run_id`,
    db.inventorySetting.deleteMany({ where: { inventoryItemId, settingId: { notIn: settings.map((setting) => setting.settingId) } } }),
  ]);
}

function unseenWhere(scope: InventoryScope, objectType: string) {
  return {
    workspaceId: scope.workspaceId,
    managedEnvironmentId: scope.environmentId,
    objectType,
    disappearedAt: null,
    OR: [{ lastSeenRunId: { not: scope.runId } }, { lastSeenRunId: null }],
  };
}

/** Provider ids of known objects of the type that this run has not seen (yet). */
export async function unseenProviderIds(db: Db, scope: InventoryScope, objectType: string): Promise<string[]> {
  const rows = await db.inventoryItem.findMany({ where: unseenWhere(scope, objectType), select: { providerId: true } });
  return rows.map((row) => row.providerId);
}

/**
 * Marks objects this run did not see as disappeared: all of them when the listing met the provider's
 * total, otherwise only `confirmed` (the ids the provider answered 404 for).
 */
export async function markDisappeared(db: Db, scope: InventoryScope, objectType: string, confirmed?: readonly string[]): Promise<number> {
  const result = await db.inventoryItem.updateMany({
    where: { ...unseenWhere(scope, objectType), ...(confirmed ? { providerId: { in: [...confirmed] } } : {}) },
    data: { disappearedAt: new Date() },
  });
  return result.count;
}
