// In-memory state of one simulated tenant: its app registrations and objects per type, each with
// its navigation properties (assignments, settings, contained sub-collections) kept apart from the
// entity body as Graph does.

import { deterministicGuid } from "./deterministic.ts";
import { idOfBind } from "./odata-bind.ts";
import type { ObjectTypeDefinition, SubCollectionDefinition } from "./object-types/definition.ts";
import { OBJECT_TYPES, requireObjectType } from "./object-types/registry.ts";
import { renumberSettings } from "./object-types/settings-catalog.ts";
import { ALL_DEVICES_TARGET_ID, ALL_USERS_TARGET_ID } from "./seed-builder.ts";
import type { ObjectTypeKey, SeedGroup, SimObject, TenantSeed } from "./types.ts";

export interface StoredObject {
  body: SimObject;
  assignments: SimObject[];
  /** Settings catalog only. */
  settings?: SimObject[];
  /** Contained sub-collections by name (see ObjectTypeDefinition.subCollections); items keep their own children inline. */
  children: Record<string, SimObject[]>;
  /** Single-valued navigations (ObjectTypeDefinition.singleNavigations): navigation name -> referenced object id. */
  references?: Record<string, string>;
}

/** Properties the server owns: a client can never set them through a write. */
const SERVER_OWNED = ["id", "createdDateTime", "lastModifiedDateTime", "version", "settingCount"];

export class TenantStore {
  readonly tenantId: string;
  readonly name: string;
  /** clientId -> clientSecret */
  readonly apps: ReadonlyMap<string, string>;
  /** Entra groups assignments may target (read-only: TenantAtlas references groups, never writes them). */
  readonly groups: readonly SeedGroup[];
  private readonly groupIds: ReadonlySet<string>;
  private readonly collections = new Map<ObjectTypeKey, Map<string, StoredObject>>();
  private createdCount = 0;

  constructor(seed: TenantSeed) {
    this.tenantId = seed.tenantId;
    this.name = seed.name;
    this.apps = new Map([
      [seed.clientId, seed.clientSecret],
      ...(seed.additionalApps ?? []).map((a) => [a.clientId, a.clientSecret] as const),
    ]);
    this.groups = structuredClone(seed.groups ?? []);
    this.groupIds = new Set(this.groups.map((group) => group.id));
    for (const type of OBJECT_TYPES) this.collections.set(type.key, new Map());
    for (const [key, objects] of Object.entries(seed.objects)) {
      const type = requireObjectType(key);
      const collection = this.collection(key);
      for (const { assignments, ...entity } of structuredClone(objects)) {
        if (collection.has(entity.id)) throw new Error(`Seed of ${seed.name} has duplicate ${key} id ${entity.id}`);
        const { body: withNavigations, children } = splitChildren(type, entity);
        const { body, references } = splitNavigations(type, withNavigations);
        const settings = type.hasSettings && Array.isArray(body.settings) ? renumberSettings(body.settings) : undefined;
        if (type.hasSettings) delete body.settings;
        collection.set(entity.id, { body, assignments: assignments ?? [], children, references, ...(settings ? { settings } : {}) });
      }
    }
  }

  list(typeKey: ObjectTypeKey): StoredObject[] {
    return [...this.collection(typeKey).values()];
  }

  find(typeKey: ObjectTypeKey, id: string): StoredObject | undefined {
    return this.collection(typeKey).get(id);
  }

  /** Per-tenant counter for deterministic ids of created objects and sub-collection items. */
  nextSequence(): number {
    this.createdCount += 1;
    return this.createdCount;
  }

  hasGroup(id: string): boolean {
    return this.groupIds.has(id);
  }

  countsByType(): Record<ObjectTypeKey, number> {
    return Object.fromEntries(OBJECT_TYPES.map((type) => [type.key, this.collection(type.key).size]));
  }

  create(type: ObjectTypeDefinition, input: Record<string, unknown>): StoredObject {
    const collection = this.collection(type.key);
    // Deterministic ids keep repeated test runs comparable; uniqueness comes from the counter.
    const id = type.nextId?.([...collection.keys()]) ?? deterministicGuid(this.tenantId, type.key, "created", String(this.nextSequence()));
    const now = new Date().toISOString();
    const { settings, ...writable } = writableProperties(type, input);
    // Only the settings catalog's settings are a navigation property; elsewhere (iOS app
    // configurations' key/value items) `settings` is a plain property kept with the object.
    const split = splitChildren(type, type.hasSettings || settings === undefined ? writable : { ...writable, settings });
    const { body, references } = splitNavigations(type, split.body);
    const children = split.children;
    const stored: StoredObject = {
      references,
      body: {
        "@odata.type": type.entityODataType,
        ...body,
        ...type.serverManaged,
        ...type.deriveOnCreate?.(body),
        id,
        createdDateTime: now,
        lastModifiedDateTime: now,
        ...(type.versioned ? { version: 1 } : {}),
      },
      assignments: [],
      children: Object.fromEntries(
        (type.subCollections ?? [])
          .filter((sub) => sub.acceptedOnCreate)
          .map((sub) => [sub.name, withItemIds(sub, children[sub.name] ?? [], id)]),
      ),
    };
    if (type.hasSettings) this.setSettings(stored, Array.isArray(settings) ? settings : []);
    collection.set(id, stored);
    return stored;
  }

  /**
   * Changes an object in place. `settings` / `assignments` / sub-collections in the patch replace
   * those navigation properties (drift); writes through Graph never pass them here.
   */
  update(typeKey: ObjectTypeKey, id: string, patch: Record<string, unknown>): StoredObject | undefined {
    const stored = this.find(typeKey, id);
    if (!stored) return undefined;
    const type = requireObjectType(typeKey);
    const { assignments, ...rest } = patch;
    // Settings catalog settings are their own navigation property; an intent's settings are a sub-collection.
    const settings = type.hasSettings ? rest.settings : undefined;
    if (type.hasSettings) delete rest.settings;
    const { body: properties, children } = splitChildren(type, rest);
    for (const key of SERVER_OWNED) delete properties[key];
    Object.assign(stored.body, properties);
    Object.assign(stored.children, children);
    if (Array.isArray(settings) && type.hasSettings) this.setSettings(stored, settings);
    if (Array.isArray(assignments)) this.replaceAssignments(typeKey, id, assignments);
    touch(type, stored);
    return stored;
  }

  /** PUT semantics (settings catalog): the whole body and the settings are replaced. */
  replace(type: ObjectTypeDefinition, id: string, input: Record<string, unknown>): StoredObject | undefined {
    const stored = this.find(type.key, id);
    if (!stored) return undefined;
    const { settings, ...body } = writableProperties(type, input);
    const managed = Object.keys(type.serverManaged ?? {}).map((key) => [key, stored.body[key]]);
    const kept = {
      id,
      createdDateTime: stored.body.createdDateTime,
      ...Object.fromEntries(managed),
      ...(type.versioned ? { version: stored.body.version } : {}),
    };
    stored.body = { "@odata.type": stored.body["@odata.type"], ...body, ...kept };
    if (type.hasSettings) this.setSettings(stored, Array.isArray(settings) ? settings : []);
    touch(type, stored);
    return stored;
  }

  /** Bumps lastModifiedDateTime (and `version`) after a write below the object (actions, sub-collection items). */
  markModified(typeKey: ObjectTypeKey, id: string): void {
    const stored = this.find(typeKey, id);
    if (stored) touch(requireObjectType(typeKey), stored);
  }

  remove(typeKey: ObjectTypeKey, id: string): boolean {
    return this.collection(typeKey).delete(id);
  }

  /** `/assign` semantics: the given assignments replace all existing ones. */
  replaceAssignments(typeKey: ObjectTypeKey, id: string, assignments: readonly unknown[]): SimObject[] | undefined {
    const stored = this.find(typeKey, id);
    if (!stored) return undefined;
    const origin = requireObjectType(typeKey).targetOnlyAssignments ? {} : { source: "direct", sourceId: id };
    stored.assignments = assignments.map((raw) => {
      const { id: _ignored, ...assignment } = raw as Record<string, unknown>;
      const target = (assignment.target ?? {}) as Record<string, unknown>;
      const targetType = String(target["@odata.type"] ?? "");
      const targetId =
        typeof target.groupId === "string"
          ? target.groupId
          : targetType.includes("allDevices")
            ? ALL_DEVICES_TARGET_ID
            : ALL_USERS_TARGET_ID;
      return { id: `${id}_${targetId}`, ...origin, ...assignment };
    });
    return stored.assignments;
  }

  private setSettings(stored: StoredObject, settings: readonly unknown[]): void {
    stored.settings = renumberSettings(settings);
    stored.body.settingCount = stored.settings.length;
  }

  private collection(typeKey: ObjectTypeKey): Map<string, StoredObject> {
    const collection = this.collections.get(typeKey);
    if (!collection) requireObjectType(typeKey); // throws with the list of known types
    return collection as Map<string, StoredObject>;
  }
}

/** Moves the type's sub-collections out of an entity body (only arrays count: a stray scalar stays a property). */
function splitChildren(
  type: ObjectTypeDefinition,
  entity: Record<string, unknown>,
): { body: SimObject; children: Record<string, SimObject[]> } {
  const body = { ...entity } as SimObject;
  const children: Record<string, SimObject[]> = {};
  for (const sub of type.subCollections ?? []) {
    if (Array.isArray(body[sub.name])) children[sub.name] = body[sub.name] as SimObject[];
    delete body[sub.name];
  }
  return { body, children };
}

/**
 * Takes the single-valued navigations out of a body: `<name>@odata.bind` (a write: the referenced
 * object's URL, `.../roleDefinitions('{id}')` or `.../roleDefinitions/{id}`) or `<name>: { id }` (a seed).
 */
export function splitNavigations(type: ObjectTypeDefinition, entity: SimObject): { body: SimObject; references: Record<string, string> } {
  const body = { ...entity };
  const references: Record<string, string> = {};
  for (const name of Object.keys(type.singleNavigations ?? {})) {
    const bind = body[`${name}@odata.bind`];
    const embedded = body[name] as { id?: unknown } | null | undefined;
    const id = typeof bind === "string" ? idOfBind(bind) : typeof embedded?.id === "string" ? embedded.id : undefined;
    if (id !== undefined) references[name] = id;
    delete body[`${name}@odata.bind`];
    delete body[name];
  }
  return { body, references };
}

/** Created sub-collection items (and their own children) get server ids, as Graph assigns them. */
function withItemIds(sub: SubCollectionDefinition, items: readonly unknown[], parentId: string): SimObject[] {
  return items.map((raw, index) => {
    const item = { ...(raw as Record<string, unknown>), id: deterministicGuid(parentId, sub.name, String(index)) } as SimObject;
    for (const child of sub.children ?? []) {
      if (Array.isArray(item[child.name])) item[child.name] = withItemIds(child, item[child.name] as unknown[], item.id);
    }
    return item;
  });
}

/** Drops server-owned, write-only and navigation properties a client sent in a create or PUT. */
function writableProperties(type: ObjectTypeDefinition, input: Record<string, unknown>): Record<string, unknown> {
  const body = { ...input };
  const ignored = [
    ...SERVER_OWNED,
    ...(type.writeOnlyProperties ?? []),
    ...Object.keys(type.serverManaged ?? {}),
    "assignments",
    "@odata.context",
  ];
  for (const key of ignored) delete body[key];
  return body;
}

function touch(type: ObjectTypeDefinition, stored: StoredObject): void {
  stored.body.lastModifiedDateTime = new Date().toISOString();
  if (type.versioned && typeof stored.body.version === "number") stored.body.version += 1;
}
