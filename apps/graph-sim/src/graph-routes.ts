// Routes one Graph request (already authenticated, admitted and fault-checked) against a tenant's
// store. Pure with respect to transport: single requests and $batch items both come through here.

import type { ObjectTypeDefinition } from "./object-types/definition.ts";
import { resolveCollection } from "./object-types/registry.ts";
import { badRequest, graphError, type GraphResponse, jsonResponse, noContent } from "./graph-response.ts";
import { type PageRequest, pagedBody, readPageRequest } from "./paging.ts";
import type { StoredObject, TenantStore } from "./tenant-store.ts";

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
}

interface Target {
  request: RouteRequest;
  type: ObjectTypeDefinition;
  metadataUrl: string;
}

export function routeGraphRequest(request: RouteRequest): GraphResponse {
  const segments = request.pathname.split("/").filter(Boolean).map(decodeSegment);
  const resolved = resolveCollection(segments);
  if (!resolved) return badRequest(`Resource not found for the segment '${segments.at(-1) ?? ""}'.`, request.requestId);
  const { type, rest } = resolved;
  const target: Target = { request, type, metadataUrl: `${request.baseUrl}/${request.version}/$metadata#${type.collectionPath}` };
  const [id, navigation, ...tooDeep] = rest;
  if (tooDeep.length > 0) return badRequest(`Resource not found for the segment '${tooDeep[0]}'.`, request.requestId);
  if (id === undefined) return routeCollection(target);
  const stored = request.store.find(type.key, id);
  if (!stored) return graphError(404, "ResourceNotFound", `${type.key} '${id}' was not found.`, request.requestId);
  if (navigation === undefined) return routeEntity(target, stored);
  return routeNavigation(target, stored, navigation);
}

function routeCollection({ request, type, metadataUrl }: Target): GraphResponse {
  if (request.method === "GET") {
    const items = request.store.list(type.key).map((stored) => stored.body);
    return paged(request, items, { defaultSize: type.defaultPageSize, maxSize: type.maxPageSize }, metadataUrl);
  }
  if (request.method === "POST") {
    const body = objectBody(request.body);
    if (!body) return badRequest("The request body must be a JSON object.", request.requestId);
    if (type.polymorphic && typeof body["@odata.type"] !== "string") {
      return badRequest(`'@odata.type' is required: ${type.key} is a polymorphic collection.`, request.requestId);
    }
    const name = body[type.nameProperty];
    if (typeof name !== "string" || name.trim() === "")
      return badRequest(`Property '${type.nameProperty}' is required.`, request.requestId);
    const invalid = type.validateCreate?.(body);
    if (invalid) return badRequest(invalid, request.requestId);
    const created = request.store.create(type, body);
    return jsonResponse(201, { "@odata.context": `${metadataUrl}/$entity`, ...created.body });
  }
  return methodNotAllowed(request);
}

function routeEntity({ request, type, metadataUrl }: Target, stored: StoredObject): GraphResponse {
  const id = stored.body.id;
  switch (request.method) {
    case "GET":
      return jsonResponse(200, { "@odata.context": `${metadataUrl}/$entity`, ...stored.body });
    case "PATCH": {
      const body = objectBody(request.body);
      if (!body) return badRequest("The request body must be a JSON object.", request.requestId);
      // Navigation properties are never written by PATCH; the settings catalog also ignores
      // everything but name/description/scope tags, so a PATCH of settings silently changes nothing.
      const { settings: _settings, assignments: _assignments, ...properties } = body;
      const allowed = type.patchableProperties;
      const patch = allowed ? Object.fromEntries(Object.entries(properties).filter(([key]) => allowed.includes(key))) : properties;
      request.store.update(type.key, id, patch);
      return noContent();
    }
    case "PUT": {
      if (!type.hasSettings) return methodNotAllowed(request);
      const body = objectBody(request.body);
      if (!body) return badRequest("The request body must be a JSON object.", request.requestId);
      request.store.replace(type, id, body);
      return noContent();
    }
    case "DELETE":
      if (stored.body.isBuiltIn === true) return badRequest(`The built-in ${type.key} item '${id}' cannot be deleted.`, request.requestId);
      request.store.remove(type.key, id);
      return noContent();
    default:
      return methodNotAllowed(request);
  }
}

function routeNavigation({ request, type, metadataUrl }: Target, stored: StoredObject, navigation: string): GraphResponse {
  const id = stored.body.id;
  const navigationUrl = `${metadataUrl}('${id}')/${navigation}`;
  if (navigation === "assignments" && type.assignable) {
    if (request.method !== "GET") return methodNotAllowed(request);
    return jsonResponse(200, { "@odata.context": navigationUrl, value: stored.assignments });
  }
  if (navigation === "assign" && type.assignable) {
    if (request.method !== "POST") return methodNotAllowed(request);
    const assignments = objectBody(request.body)?.assignments;
    if (!Array.isArray(assignments)) return badRequest("The request body must contain an 'assignments' array.", request.requestId);
    const value = request.store.replaceAssignments(type.key, id, assignments) ?? [];
    return jsonResponse(200, { "@odata.context": `${metadataUrl}('${id}')/assignments`, value });
  }
  if (navigation === "settings" && type.hasSettings) {
    if (request.method !== "GET") return methodNotAllowed(request);
    const sizing = { defaultSize: SETTINGS_PAGE_SIZE, maxSize: SETTINGS_PAGE_SIZE, fixedSize: SETTINGS_PAGE_SIZE };
    return paged(request, stored.settings ?? [], sizing, navigationUrl);
  }
  return badRequest(`Resource not found for the segment '${navigation}'.`, request.requestId);
}

function paged(
  request: RouteRequest,
  items: readonly unknown[],
  sizing: Parameters<typeof readPageRequest>[1],
  contextUrl: string,
): GraphResponse {
  const page: PageRequest | { error: string } = readPageRequest(new URLSearchParams(request.rawQuery), sizing);
  if ("error" in page) return badRequest(page.error, request.requestId);
  const collectionUrl = `${request.baseUrl}/${request.version}${request.pathname}`;
  const drop = request.shouldDropPage(page.pageNumber);
  return jsonResponse(200, pagedBody(items, page, { contextUrl, collectionUrl, rawQuery: request.rawQuery, drop }));
}

function methodNotAllowed(request: RouteRequest): GraphResponse {
  return graphError(
    405,
    "BadRequest",
    `No OData route exists that match template for http verb ${request.method} on ${request.pathname}.`,
    request.requestId,
  );
}

function objectBody(body: unknown): Record<string, unknown> | undefined {
  return typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
