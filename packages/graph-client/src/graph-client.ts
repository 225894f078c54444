// The provider boundary: what the worker may ask of Microsoft Graph. Core code depends on this
// interface only, so tests and a future second provider can stand in for the HTTP client.

import type { CapturedObject, CaptureOptions, CaptureOutcome } from "./capture/capture-types.ts";
import type { ContractKey } from "./contracts.ts";
import type {
  CreateAcceptance,
  DirectoryGroup,
  RestorePayload,
  RestorePayloadOptions,
  SubResourceWrite,
  WriteAcceptance,
} from "./restore/restore-types.ts";

/** A Graph object as returned by the API; shapes differ per type and are normalized elsewhere. */
export type GraphObject = Record<string, unknown>;

/** A version-rooted Graph path such as `/beta/deviceManagement/configurationPolicies`. */
export type GraphPath = string;

/** What a caller persists to resume paging after a crash: the next page's link and its index. */
export interface PageCursor {
  nextLink: string;
  pageIndex: number;
}

export interface GraphPage<T = GraphObject> {
  /** 0-based position of this page in the whole listing (continues across a resume). */
  index: number;
  items: T[];
  /** Graph's @odata.nextLink; undefined on the last page. */
  nextLink: string | undefined;
  /** Cursor to store AFTER this page was processed; undefined on the last page. */
  next: PageCursor | undefined;
  /**
   * The provider's total over all pages (`@odata.count`), when the listing asked `$count=true` and
   * the endpoint answered it. Absent means the provider gave no total.
   */
  reportedCount?: number;
}

export interface PagesOptions {
  /** Continue a listing from a saved cursor instead of from its first page. */
  resumeFrom?: PageCursor;
}

export type BatchMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export interface BatchRequest {
  /** Caller's id, echoed in the result; defaults to the request's position. Must be unique. */
  id?: string;
  method: BatchMethod;
  /** Version-rooted path; v1.0 and beta requests go to their own `$batch` endpoints. */
  path: GraphPath;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface BatchItemResult<T = unknown> {
  id: string;
  /** Position of the request in the array given to batch(). */
  index: number;
  /** The item's own HTTP status; a 429/503 here means its retries ran out. */
  status: number;
  body: T;
  headers: Record<string, string>;
  /** How many times the item was sent. */
  attempts: number;
}

export interface GraphClient {
  readonly tenantId: string;
  /** Every object of a supported type (or of a raw collection path), all pages followed. */
  listAll<T = GraphObject>(source: ContractKey | GraphPath): Promise<T[]>;
  /** Pages one by one, for callers that persist progress and resume from a saved cursor. */
  pages<T = GraphObject>(source: ContractKey | GraphPath, options?: PagesOptions): AsyncIterable<GraphPage<T>>;
  get<T = GraphObject>(path: GraphPath): Promise<T>;
  /** One object of a supported type by id. */
  getObject<T = GraphObject>(typeKey: ContractKey, id: string): Promise<T>;
  /** Sends requests through `$batch` in chunks of 20; throttled items are retried individually. */
  batch<T = unknown>(requests: readonly BatchRequest[]): Promise<BatchItemResult<T>[]>;
  /** The complete settings of a settings catalog policy (Graph pages them 25 at a time). */
  listSettings<T = GraphObject>(policyId: string, typeKey?: ContractKey): Promise<T[]>;
  listAssignments<T = GraphObject>(typeKey: ContractKey, id: string): Promise<T[]>;
  /**
   * A complete capture of one object as its contract describes it: GET by id (with the contract's
   * `$expand`s), every page of every sub-collection (settings checked against `settingCount`, ADMX
   * definition values and their presentation values), and the assignments. Anything it could not
   * read completely is reported in `completeness.gaps`; it throws only when the object itself
   * cannot be read (GraphRequestError, e.g. 404 for a deleted object).
   */
  captureObject(typeKey: ContractKey, id: string): Promise<CapturedObject>;
  /**
   * captureObject for many objects of one type: the first requests of all objects share $batch
   * envelopes (20 per envelope). One outcome per distinct id, in order; an unreadable object is an
   * outcome with its error, never a rejection of the whole call.
   */
  captureObjects(typeKey: ContractKey, ids: readonly string[], options?: CaptureOptions): Promise<CaptureOutcome[]>;

  // Restore: writes (each charged to the budget as a write; Retry-After honoured) and lookups.
  // A create is never resent after a lost answer: it fails with GraphRequestError
  // `writeOutcomeUnknown`, and the caller looks the object up (findByDisplayName) first.
  // Writes to preview-only types fail with `restoreNotSupported` before anything is sent.

  /** POST to the type's collection; the acceptance carries the new id (and `version` where the type has one). */
  createObject(typeKey: ContractKey, body: GraphObject): Promise<CreateAcceptance>;
  /** PATCH, or PUT where the contract says so (settings catalog: the whole policy incl. `settings`). */
  updateObject(typeKey: ContractKey, id: string, body: GraphObject): Promise<WriteAcceptance>;
  /**
   * `POST /{id}/assign` with the contract's body key: replaces all assignments (an empty list removes
   * them). The acceptance is the provider's answer (status, request id, the assignments when it
   * returned them; Graph answers some types with 204 and no body).
   */
  assign(typeKey: ContractKey, id: string, assignments: readonly GraphObject[]): Promise<WriteAcceptance>;
  /** Applies RestorePayload.subResourceWrites after the object's create or update, in order. */
  writeSubResources(typeKey: ContractKey, id: string, writes: readonly SubResourceWrite[]): Promise<void>;
  /** Every object of the type with that name (case-insensitive): all matches, so ambiguity is visible. */
  findByDisplayName(typeKey: ContractKey, name: string): Promise<GraphObject[]>;
  /** The tenant's Entra groups (id and name), all pages. */
  listGroups(): Promise<DirectoryGroup[]>;
  /** Groups with that display name (case-insensitive); more than one is an ambiguity for the caller. */
  findGroupsByDisplayName(name: string): Promise<DirectoryGroup[]>;
  /** Builds the write bodies of a captured document for this tenant; pure (see restore/restore-payload.ts). */
  restorePayload(typeKey: ContractKey, document: Record<string, unknown>, options: RestorePayloadOptions): RestorePayload;
}
