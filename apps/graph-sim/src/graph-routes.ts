// Routes one Graph request (already authenticated, admitted and fault-checked) against a tenant's
// store. Pure with respect to transport: single requests and $batch items both come through here.
// Reads live here; writes in write-routes.ts; Entra groups in group-routes.ts.

import { ExpandError, parseExpand, projectItem, unknownExpansion } from "./expand.ts";
import { routeGroups } from "./group-routes.ts";
import type { ObjectTypeDefinition } from "./object-types/definition.ts";
import { resolveCollection } from "./object-types/registry.ts";
import { badRequest, graphError, type GraphResponse, jsonResponse, noContent } from "./graph-response.ts";
import { matchesNameFilter, parseNameFilter } from "./odata-filter.ts";
import { methodNotAllowed, paged } from "./route-helpers.ts";
import { routeSubCollection } from "./sub-collection-routes.ts";
import type { StoredObject, TenantStore } from "./tenant-store.ts";
import type { SimObject } from "./types.ts";
import {
  assignEntity,
  createEntity,
  patchEntity,
  putEntity,
  runAction,
  type WriteTarget as Target,
  writeAssignmentItem,
  writeSubCollectionItem,
} from "./write-routes.ts";

/** Graph always serves settings catalog settings 25 at a time, whatever $top says. */
export const SETTINGS_PAGE_SIZE = 25;

export interface RouteRequest {
  method: string;
  version: string;
  /** Below the version root, e.g. `/deviceManagement/deviceConfigurations/{id}`. */
  pathname: string;
  rawQuery: string;
  body: unknown;
  /** Origin the caller used, for absolute nextLink / context URLs. */
  baseUrl: string;
  requestId: string;
  store: TenantStore;
  /** Asked once per served page; true withholds the page's items (dropPage fault). */
  shouldDropPage(pageNumber: number): boolean;
  /** Asked once per served page that was asked `$count=true`; true answers without `@odata.count` (ignoreCount fault). */
  shouldIgnoreCount(): boolean;
}

export function routeGraphRequest(request: RouteRequest): GraphResponse {
  const segments = request.pathname.split("/").filter(Boolean).map(decodeSegment);
  if (segments[0] === "groups") return routeGroups(request, segments.slice(1));
  const resolved = resolveCollection(segments);
  if (!resolved) return badRequest(`Resource not found for the segment '${segments.at(-1) ?? ""}'.`, request.requestId);
  const { type, rest } = resolved;
  const target: Target = { request, type, metadataUrl: `${request.baseUrl}/${request.version}/$metadata#${type.collectionPath}` };
  const [id, navigation, ...deeper] = rest;
  if (id === undefined) return routeCollection(target);
  const stored = request.store.find(type.key, id);
  if (!stored) return graphError(404, "ResourceNotFound", `${type.key} '${id}' was not found.`, request.requestId);
  if (navigation === undefined) return routeEntity(target, stored);
  const sub = type.subCollections?.find((candidate) => candidate.name === navigation);
  if (sub) {
    const contextUrl = `${target.metadataUrl}('${id}')/${sub.name}`;
    if (request.method !== "GET" && sub.writable) return writeSubCollectionItem(target, stored, sub, deeper, contextUrl);
    return routeSubCollection(request, sub, stored.children[sub.name] ?? [], deeper, contextUrl);
  }
  if (navigation === "assignments" && type.itemAssignments && deeper.length === 1) return writeAssignmentItem(target, stored, deeper[0]);
  if (deeper.length > 0) return badRequest(`Resource not found for the segment '${deeper[0]}'.`, request.requestId);
  return routeNavigation(target, stored, navigation);
}

function routeCollection(target: Target): GraphResponse {
  const { request, type, metadataUrl } = target;
  if (request.method === "POST") return createEntity(target);
  if (request.method !== "GET") return methodNotAllowed(request);
  // Lists ignore $expand and blank out detail-only properties (script content), as Graph does.
  let items = request.store.list(type.key).map((stored) => withoutDetailOnly(type, served(request.store, type, stored)));
  const filterText = new URLSearchParams(request.rawQuery).get("$filter");
  if (filterText !== null && type.nameFilter) {
    const filter = parseNameFilter(filterText);
    if (!filter || filter.property !== type.nameProperty) {
      return badRequest(`Invalid filter clause: only '${type.nameProperty}' eq / startswith are supported here.`, request.requestId);
    }
    items = items.filter((item) => matchesNameFilter(filter, item));
  }
  return paged(request, items, { defaultSize: type.defaultPageSize, maxSize: type.maxPageSize }, metadataUrl);
}

function routeEntity(target: Target, stored: StoredObject): GraphResponse {
  const { request, type } = target;
  switch (request.method) {
    case "GET":
      return getEntity(target, stored);
    case "PATCH":
      return patchEntity(target, stored);
    case "PUT":
      return putEntity(target, stored);
    case "DELETE":
      if (stored.body.isBuiltIn === true) {
        return badRequest(`The built-in ${type.key} item '${stored.body.id}' cannot be deleted.`, request.requestId);
      }
      request.store.remove(type.key, stored.body.id);
      return noContent();
    default:
      return methodNotAllowed(request);
  }
}

function routeNavigation(target: Target, stored: StoredObject, navigation: string): GraphResponse {
  const { request, type, metadataUrl } = target;
  const id = stored.body.id;
  const navigationUrl = `${metadataUrl}('${id}')/${navigation}`;
  if (navigation === "assignments" && type.assignable) {
    if (request.method === "POST" && type.itemAssignments) return writeAssignmentItem(target, stored);
    if (request.method !== "GET") return methodNotAllowed(request);
    return jsonResponse(200, { "@odata.context": navigationUrl, value: stored.assignments });
  }
  if (navigation === "assign" && type.assignable && !type.itemAssignments) return assignEntity(target, stored);
  if (type.actions?.[navigation]) return runAction(target, stored, navigation);
  if (navigation === "settings" && type.hasSettings) {
    if (request.method !== "GET") return methodNotAllowed(request);
    const sizing = { defaultSize: SETTINGS_PAGE_SIZE, maxSize: SETTINGS_PAGE_SIZE, fixedSize: SETTINGS_PAGE_SIZE };
    return paged(request, stored.settings ?? [], sizing, navigationUrl);
  }
  return badRequest(`Resource not found for the segment '${navigation}'.`, request.requestId);
}

/**
 * GET by id: the full entity incl. detail-only properties, plus the navigation properties named in
 * `$expand` (sub-collections with their own nested expands, assignments, settings catalog settings).
 */
function getEntity({ request, type, metadataUrl }: Target, stored: StoredObject): GraphResponse {
  const body: SimObject = served(request.store, type, stored);
  try {
    const expand = parseExpand(new URLSearchParams(request.rawQuery).get("$expand"));
    const expandable = [
      ...(type.subCollections ?? []).map((sub) => sub.name),
      ...(type.assignable ? ["assignments"] : []),
      ...(type.hasSettings ? ["settings"] : []),
      ...Object.keys(type.singleNavigations ?? {}),
    ];
    const unknown = unknownExpansion(expand, expandable);
    if (unknown)
      return badRequest(`Could not find a property named '${unknown}' on type '${type.entityODataType.slice(1)}'.`, request.requestId);
    for (const sub of type.subCollections ?? []) {
      const subExpand = expand.get(sub.name);
      if (subExpand) body[sub.name] = (stored.children[sub.name] ?? []).map((item) => projectItem(sub, item, subExpand));
    }
    if (expand.has("assignments")) body.assignments = stored.assignments;
    if (expand.has("settings") && type.hasSettings) body.settings = stored.settings ?? [];
    for (const [name, referencedType] of Object.entries(type.singleNavigations ?? {})) {
      if (!expand.has(name)) continue;
      const referencedId = stored.references?.[name];
      const referenced = referencedId === undefined ? undefined : request.store.find(referencedType, referencedId);
      body[name] = referenced ? { ...referenced.body } : null;
    }
  } catch (error) {
    if (error instanceof ExpandError) return badRequest(error.message, request.requestId);
    throw error;
  }
  return jsonResponse(200, { "@odata.context": `${metadataUrl}/$entity`, ...body });
}

/** The stored body with what the service computes when serving it (counters of other objects). */
function served(store: TenantStore, type: ObjectTypeDefinition, stored: StoredObject): SimObject {
  return { ...stored.body, ...type.servedProperties?.(store, stored) };
}

function withoutDetailOnly(type: ObjectTypeDefinition, body: SimObject): SimObject {
  if (!type.detailOnlyProperties?.length) return body;
  return { ...body, ...Object.fromEntries(type.detailOnlyProperties.map((property) => [property, null])) };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
