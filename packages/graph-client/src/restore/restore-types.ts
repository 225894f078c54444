// Types of the restore write API: what restorePayload builds from a captured document and what a
// write returns as the provider's acceptance. Kept free of behaviour so the worker can import them
// without pulling in the client.

import type { ContractKey, FoundationKey } from "../contracts.ts";
import type { GraphObject } from "../graph-client.ts";

/**
 * What a reference in a policy points at: a foundation of the same tenant, an Entra group, or an
 * Entra user (Conditional Access names users; only the same tenant maps them, by id).
 */
export type ReferenceKind = FoundationKey | "groups" | "users";

/**
 * Maps a SOURCE tenant id to the TARGET tenant's id (scope tags, filters and templates after their
 * foundations were matched or created; groups matched by display name). `undefined` = no mapping.
 * For a restore into the same tenant, the identity.
 */
export type IdMap = (kind: ReferenceKind, sourceId: string) => string | undefined;

export interface UnmappedReference {
  kind: ReferenceKind;
  sourceId: string;
  /** From options.describe, e.g. the source group's name, for the operator's list. */
  displayName?: string;
  /** First place it sat in the source document, e.g. `assignments[2].target.groupId`. */
  path: string;
}

/** Create a new object, or update the matched one in place (PATCH, or PUT for the settings catalog). */
export type RestoreMode = "create" | "update";

export interface RestorePayloadOptions {
  idMap: IdMap;
  /** Default `create`. The same document yields different bodies: e.g. compliance actions go inline on create only. */
  mode?: RestoreMode;
  /** Names for unmapped references (the caller knows the source tenant's groups and foundations). */
  describe?: (kind: ReferenceKind, sourceId: string) => string | undefined;
  /**
   * Types with `enforcement` (Conditional Access): true writes the object switched on (state
   * `enabled`), the operator's choice in the preview. Default false: the safe state (report-only).
   */
  switchedOn?: boolean;
}

/** What a restore writes for a type with `enforcement` (a Conditional Access policy) and what that risks. */
export interface EnforcementPlan {
  /** The state in the backup. */
  sourceState: string | null;
  /** The state the restore writes: report-only unless switched on; a disabled policy stays disabled. */
  writtenState: string;
  /** The written state is the safe one: evaluated and logged, not enforced. */
  reportOnly: boolean;
  switchedOn: boolean;
  /**
   * Written enforced while its conditions exclude no directory role, user or group (after
   * references were mapped): nothing keeps the administrators out of its reach.
   */
  excludesNoAdministrators: boolean;
}

/** A follow-up write below the object, after its create or update (see GraphClient.writeSubResources). */
export type SubResourceWrite =
  /** ADMX: `POST /{id}/updateDefinitionValues` with binds to the global catalog; `replaceExisting` deletes the current values in the same call. */
  | { kind: "definitionValues"; values: GraphObject[]; replaceExisting: boolean }
  /** Compliance, update only: `POST /{id}/scheduleActionsForRules` replaces the scheduled actions (PATCH ignores them). */
  | { kind: "scheduledActions"; rules: GraphObject[] }
  /** Notification templates: one message per locale, created or patched; with `replaceExisting` other locales are deleted. */
  | { kind: "localizedNotificationMessages"; messages: GraphObject[]; replaceExisting: boolean }
  /** App protection: `POST /{id}/targetApps` replaces the protected apps (Graph's only way to write them). */
  | { kind: "targetApps"; apps: GraphObject[]; appGroupType?: string };

export interface RestorePayload {
  typeKey: ContractKey;
  mode: RestoreMode;
  /** Body of the create (POST) or update (PATCH / PUT) of the object itself. */
  body: GraphObject;
  /** For `assign`: ids remapped, assignments with an unmapped group or filter left out (and listed in `unmapped`). */
  assignments: GraphObject[];
  /**
   * Every reference that could not be mapped, once per (kind, sourceId). The element holding it was
   * left out (a scope tag id, a whole assignment, a notification action), never guessed: the caller
   * reports the item as partial.
   */
  unmapped: UnmappedReference[];
  subResourceWrites: SubResourceWrite[];
  /**
   * The source document with every reference remapped and unmapped elements left out: what the
   * target should read back as. normalizePayload + contentHash of it is the verification hash.
   */
  expectedDocument: GraphObject;
  /** Set for types with `enforcement` (Conditional Access policies). */
  enforcement?: EnforcementPlan;
}

/** The provider's acceptance of a write. */
export interface WriteAcceptance {
  id: string;
  /** Graph's `version` where the type has one and the answer carried it (creates). */
  version?: string | number;
  /** The object as Graph answered (creates); absent for 204 answers. */
  raw?: GraphObject;
  status: number;
  /** Graph's request-id, for support cases. */
  requestId?: string;
}

export interface CreateAcceptance extends WriteAcceptance {
  raw: GraphObject;
}

export interface DirectoryGroup {
  id: string;
  displayName: string;
}
