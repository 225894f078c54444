// Public types of the Graph simulator. Other packages (graph-client tests, test/kit, the CLI) import
// these, so changes here are API changes.

/** Key of an object type, e.g. `deviceConfigurations` (the last segment of its collection path). */
export type ObjectTypeKey = string;

/** A Graph entity as the simulator stores and serves it. */
export interface SimObject {
  id: string;
  [property: string]: unknown;
}

/**
 * A seeded object: the Graph entity plus its navigation properties, shaped like Graph's
 * `$expand=assignments,settings` output. The store splits the navigation properties off, so a plain
 * GET never returns them (as in Graph). Contained sub-collections of a type (`definitionValues`,
 * `scheduledActionsForRule`, `localizedNotificationMessages`, intents' `settings`) are seeded
 * under their names the same way.
 */
export interface SeedObject extends SimObject {
  assignments?: SimObject[];
  /** Settings catalog (configurationPolicies) settings, or an intent's setting instances. */
  settings?: SimObject[];
}

export interface AppRegistration {
  clientId: string;
  clientSecret: string;
  displayName?: string;
}

/** An Entra group that assignments point at, served read-only under `/groups`. */
export interface SeedGroup {
  id: string;
  displayName: string;
}

export interface TenantSeed {
  name: string;
  /** Fixed GUID: the path segment of the token endpoint. */
  tenantId: string;
  /** The tenant's primary app registration (client credentials). */
  clientId: string;
  clientSecret: string;
  /** e.g. `contoso.onmicrosoft.com` */
  domain?: string;
  /** The MSP that manages this customer tenant (demo data spans two MSPs). */
  mspName?: string;
  /** More app registrations of the same tenant, to exercise the per-app throttling limits. */
  additionalApps?: AppRegistration[];
  groups?: SeedGroup[];
  /** Objects per type key; every key must be a registered object type. */
  objects: Record<ObjectTypeKey, SeedObject[]>;
}

/**
 * Requests admitted per sliding window of 20 s x timeScale. The `reads*` limits are Intune's
 * "any request" limits: writes count against them too.
 */
export interface ThrottleLimits {
  readsPerTenant: number;
  readsPerApp: number;
  writesPerTenant: number;
  writesPerApp: number;
}

export interface GraphSimOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /**
   * Default 1. Scales the throttling window and every Retry-After value (0.05: a 20 s window lasts
   * 1 s and a nominal `Retry-After: 7` is sent as `0.35`). Latency faults and token lifetimes are
   * real time and not scaled.
   */
  timeScale?: number;
  /** Default DEMO_TENANTS. Each sim works on its own deep copy. */
  tenants?: TenantSeed[];
  /** Test-only override of Intune's limits (2000 / 1000 / 200 / 100). */
  limits?: Partial<ThrottleLimits>;
}

export interface HistoryEntry {
  /** Epoch milliseconds with sub-millisecond resolution. */
  at: number;
  /** Also sent as the `request-id` response header (for batch items: inside the item's headers). */
  requestId: string;
  /** Null when the request carried no valid token. */
  tenantId: string | null;
  clientId: string | null;
  method: string;
  /** Version-rooted path including the query, e.g. `/beta/deviceManagement/configurationPolicies?$top=5`. */
  path: string;
  status: number;
  /** The Retry-After value sent with a 429, in (scaled) seconds. */
  retryAfterSeconds?: number;
  /** For inner $batch requests: the requestId of the enclosing $batch request. */
  batchItemOf?: string;
  /** For inner $batch requests: the item's `id` inside the batch. */
  batchItemId?: string;
  /** The injected fault that shaped this response, if any. */
  fault?: FaultKind;
  /** For a successful create (POST to a collection): the new object's id. */
  createdId?: string;
  /**
   * For a successful create: the name it was created with (`displayName`, or `name` for the
   * settings catalog), so tests can count creates per object and prove "no duplicates".
   */
  createdDisplayName?: string;
}

/**
 * Where a fault applies. Omitted tenantId = every tenant; omitted count = until clearFaults().
 * pathContains is matched against the version-rooted path incl. query (`/beta/deviceManagement/...`).
 * Faults hit single requests and inner $batch items; a $batch envelope itself is only hit by a
 * fault whose pathContains matches its path (e.g. `$batch`).
 */
interface FaultScope {
  tenantId?: string;
  pathContains?: string;
  count?: number;
}

export type Fault =
  /** The next `count` requests answer 429; retryAfterSeconds is nominal (scaled like all Retry-After); omit it to send no header. */
  | (FaultScope & { kind: "throttleStorm"; count: number; retryAfterSeconds?: number })
  /** Default status 503. */
  | (FaultScope & { kind: "serverError"; status?: number })
  /** Delays the response by `ms` real milliseconds (not scaled). */
  | (FaultScope & { kind: "latency"; ms: number })
  /** The given 1-based page of a paged collection or settings list comes back empty, nextLink intact. */
  | (FaultScope & { kind: "dropPage"; tenantId: string; pathContains: string; page: number })
  /**
   * The collection answers without `@odata.count` although `$count=true` was asked, as an endpoint
   * that does not support `$count` does: the client then has no provider total to check against.
   */
  | (FaultScope & { kind: "ignoreCount" })
  /** 200 with a truncated, invalid JSON body (inside $batch: the item body becomes that string). */
  | (FaultScope & { kind: "malformedBody" })
  /**
   * After a successful write to a matching path, the written object changes as if someone edited
   * it right away: `property` (default `description`) gets `value`, or else a visibly different
   * value of the same kind. A verification read-back then mismatches. Use `count: 1` for "the next
   * write only". Matching is on the write's path (a create matches its collection path).
   */
  | (FaultScope & { kind: "mutateAfterWrite"; property?: string; value?: unknown })
  /**
   * The request is fully processed (a write takes effect) but the socket is destroyed instead of
   * answering: the client sees a network error. Single requests only, never $batch items.
   */
  | (FaultScope & { kind: "dropConnection" })
  /**
   * After a successful write to a matching path, the written object is deleted, as if an admin
   * removed it between the restore's write and its verification: the write's own answer is
   * unaffected, a later read-back gets 404. Match the object's last write (e.g. `<id>/assign`).
   */
  | (FaultScope & { kind: "deleteAfterWrite" })
  /**
   * The tenant has not granted admin consent to the app. At `token` (default) the token endpoint
   * refuses as Entra ID does (400 `invalid_grant`, AADSTS65001 `consent_required`); at `graph` a
   * token is issued but Graph answers 403 `Authorization_RequestDenied` (an app without the
   * consented permissions). pathContains matches the token path or the Graph path.
   */
  | (FaultScope & { kind: "consentMissing"; stage?: "token" | "graph" });

export type FaultKind = Fault["kind"];

export interface GraphSim {
  /** e.g. `http://127.0.0.1:53211`, no trailing slash. */
  url: string;
  close(): Promise<void>;
  /** Objects of all types incl. foundations; settings and assignments are not objects. */
  objectCount(tenantId: string): number;
  /** Every registered type appears, with 0 when the tenant has none. */
  objectCountsByType(tenantId: string): Record<ObjectTypeKey, number>;
  history(filter?: { tenantId?: string }): HistoryEntry[];
  clearHistory(): void;
  injectFault(fault: Fault): void;
  clearFaults(): void;
  /**
   * Drift: changes an object in place as if an admin edited it in the portal. Bumps
   * lastModifiedDateTime (and `version` where the type has one). `settings` / `assignments` in the
   * patch replace those navigation properties.
   */
  mutate(tenantId: string, type: ObjectTypeKey, id: string, patch: Record<string, unknown>): void;
}
