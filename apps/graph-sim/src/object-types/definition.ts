// What the simulator needs to know about one Intune object type. Each type lives in its own file
// next to this one and is listed once in registry.ts: adding deviceEnrollmentConfigurations,
// scripts, intents, groupPolicyConfigurations, notificationMessageTemplates ... means one new file
// plus one registry line; routing, paging, writes, counts and seeding pick it up from there.

import type { SeededRandom } from "../deterministic.ts";
import type { StoredObject, TenantStore } from "../tenant-store.ts";
import type { ObjectTypeKey, SeedGroup, SeedObject, SimObject } from "../types.ts";

export interface ObjectTypeDefinition {
  /** Last segment of the collection path; the key used in counts, seeds and mutate(). */
  key: ObjectTypeKey;
  /** Below the version root, e.g. `deviceManagement/deviceConfigurations`. Served under v1.0 and beta. */
  collectionPath: string;
  /** `@odata.type` of the base entity; the default for creates of non-polymorphic types. */
  entityODataType: string;
  /** Polymorphic collections (deviceConfigurations ...) reject a create without `@odata.type`, as Graph does. */
  polymorphic: boolean;
  /** Settings catalog objects are named by `name`, Apple enrollment tokens by `tokenName`, everything else by `displayName`. */
  nameProperty: "displayName" | "name" | "tokenName";
  foundation: boolean;
  defaultPageSize: number;
  maxPageSize: number;
  /** Has an integer `version` that Graph bumps on every change. */
  versioned: boolean;
  /** Has `/assignments` (GET) and `/assign` (POST, replaces all). */
  assignable: boolean;
  /** Settings catalog: paged `/settings`, PUT replaces the whole policy incl. settings. */
  hasSettings?: boolean;
  /** When set, PATCH changes only these properties and silently ignores the rest (settings catalog). */
  patchableProperties?: readonly string[];
  /** Accepted on create but never returned by any GET. */
  writeOnlyProperties?: readonly string[];
  /**
   * Contained sub-collections (`/{id}/definitionValues`, `/{id}/scheduledActionsForRule`, intents'
   * `/{id}/settings` ...). Seeds carry their items under the collection's name; GET by id returns
   * them only with `$expand`, as Graph does.
   */
  subCollections?: readonly SubCollectionDefinition[];
  /**
   * Returned only by GET by id; the collection answers with `null` for them (script content:
   * a backup built from the list would silently store empty scripts).
   */
  detailOnlyProperties?: readonly string[];
  /** Assignments carry only `target`, no `source` / `sourceId` (Windows Update profiles). */
  targetOnlyAssignments?: boolean;
  /**
   * No `/assign`: assignments are created one by one (`POST /{id}/assignments`) and deleted by id
   * (`DELETE /{id}/assignments/{assignmentId}`), as for terms and conditions.
   */
  itemAssignments?: boolean;
  /** Objects with `isBuiltIn: true` are Microsoft's: PATCH is refused like DELETE (built-in roles). */
  builtInReadOnly?: boolean;
  /** Body property of `POST /{id}/assign`; Graph uses `deviceManagementScriptAssignments` etc. for some types. */
  assignBodyKey?: string;
  /** Id for a created object; default is a GUID. Scope tags use small integers like Graph. */
  nextId?(existingIds: readonly string[]): string;
  /** Returns a Graph-like error message when a create body is unacceptable. */
  validateCreate?(body: Record<string, unknown>): string | undefined;
  /** Returns a Graph-like error message when a PATCH of the stored object is unacceptable (a web link's new address). */
  validatePatch?(stored: Record<string, unknown>, patch: Record<string, unknown>): string | undefined;
  /**
   * Read-only properties the service sets on create (`isBuiltIn: false` for scope tags). A value
   * the client sends is ignored, as Graph ignores read-only properties.
   */
  serverManaged?: Readonly<Record<string, unknown>>;
  /** Read-only properties the service derives from a create body (a feature update's end of support). */
  deriveOnCreate?(body: Record<string, unknown>): Record<string, unknown>;
  /**
   * Lists honour `$filter=<nameProperty> eq '...'` (and `startswith`). Where unset the filter is
   * ignored, as some Intune endpoints do: a client must always re-check names itself.
   */
  nameFilter?: boolean;
  /**
   * Single-valued navigation properties naming another object of the same tenant (a role
   * assignment's `roleDefinition`): written as `<name>@odata.bind`, returned only with `$expand`.
   * Maps the navigation's name to the referenced type.
   */
  singleNavigations?: Readonly<Record<string, ObjectTypeKey>>;
  /** Read-only properties the service computes whenever it serves the object (a reusable setting's referencing policy count). */
  servedProperties?(store: TenantStore, stored: StoredObject): Record<string, unknown>;
  /** Bound actions `POST /{id}/{name}` (ADMX `updateDefinitionValues`, compliance `scheduleActionsForRules`). */
  actions?: Readonly<Record<string, ObjectAction>>;
  /** Deterministic seed objects for one tenant; `random` is private to the type, so adding a type never reshuffles others. */
  seed(context: SeedContext, count: number): SeedObject[];
}

/** A contained collection below an object or below an item of another sub-collection. */
export interface SubCollectionDefinition {
  /** Path segment, also the seed property holding the items and the `$expand` name. */
  name: string;
  /** Default 50; `$top` is honoured up to 100. */
  pageSize?: number;
  /** Single-valued navigation properties of each item (`definition`, `presentation`): only `$expand` or their own path returns them. */
  itemNavigationProperties?: readonly string[];
  /** Collections below each item, e.g. `definitionValues/{id}/presentationValues`. */
  children?: readonly SubCollectionDefinition[];
  /** Taken from a create body (compliance policies must be created with their scheduled actions). */
  acceptedOnCreate?: boolean;
  /** Items can be created (`POST`), patched and deleted one by one below the object (localized notification messages). */
  writable?: boolean;
}

/**
 * A bound action on one object. Returns a Graph-like error message for a 400, or undefined when
 * the action was applied (Graph answers such actions with 204).
 */
export type ObjectAction = (context: { store: TenantStore; stored: StoredObject; body: Record<string, unknown> }) => string | undefined;

/** Everything a type's seed function may use. Foundations are seeded first and visible in `seeded`. */
export interface SeedContext {
  tenantName: string;
  /** Graph prefixes the ids of a tenant's built-in enrollment configurations with it. */
  tenantId: string;
  random: SeededRandom;
  /** Deterministic GUID scoped to this tenant. */
  guid(...parts: string[]): string;
  /** Deterministic created/lastModified pair in the past. */
  timestamps(): { createdDateTime: string; lastModifiedDateTime: string };
  groups: readonly SeedGroup[];
  seeded: Readonly<Record<ObjectTypeKey, readonly SeedObject[]>>;
  /** Mostly `['0']` (Default), sometimes with or instead of a custom scope tag. */
  roleScopeTagIds(): string[];
  /** 0-3 realistic assignments (groups, exclusions, all devices/users, filters). */
  assignmentsFor(objectId: string, extra?: Record<string, unknown>): SimObject[];
}

/**
 * Unique display names from a template list: the first pass uses the plain topics, later passes
 * append a variant so restore's "match by type + display name" stays unambiguous in demo data.
 */
export function variantSuffix(index: number, templateCount: number, variants: readonly string[]): string {
  const pass = Math.floor(index / templateCount);
  if (pass === 0) return "";
  return ` - ${variants[pass - 1] ?? `Set ${pass + 1}`}`;
}

export const COMMON_VARIANTS = [
  "Pilot",
  "Broad",
  "Executives",
  "Frontline",
  "Kiosk",
  "Finance",
  "Contractors",
  "Lab",
  "Shared Devices",
  "Legacy",
] as const;

/**
 * A Graph entity type (from @microsoft/microsoft-graph-types-beta) as seed data: its navigation
 * properties (`assignments`, contained `apps`, `settings`) are the seed's own, typed as SimObject[].
 */
export type SeedEntity<T> = T extends unknown ? Omit<T, "assignments" | "apps" | "settings"> & { id: string } : never;

/**
 * The first object of a type always has an assignment (a group): demo data then holds assigned
 * objects of every assignable type, so a cross-tenant restore's group remapping is always exercised.
 */
export function assignedIfFirst(context: SeedContext, index: number, objectId: string, assignments: SimObject[]): SimObject[] {
  if (index !== 0 || assignments.length > 0) return assignments;
  const group = context.random.pick(context.groups);
  const target = {
    "@odata.type": "#microsoft.graph.groupAssignmentTarget",
    deviceAndAppManagementAssignmentFilterId: null,
    deviceAndAppManagementAssignmentFilterType: "none",
    groupId: group.id,
  };
  return [{ id: `${objectId}_${group.id}`, source: "direct", sourceId: objectId, target }];
}
