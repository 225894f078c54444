// Graph writes on Intune objects: create (POST collection), PATCH, PUT (settings catalog), `/assign`,
// bound actions and item writes in writable sub-collections. Every write validates what Graph
// validates for restore purposes: required name and `@odata.type`, the type's own create rules, and
// that referenced scope tags, filters, templates and groups exist in THIS tenant.

import type { ObjectTypeDefinition, SubCollectionDefinition } from "./object-types/definition.ts";
import { badRequest, graphError, type GraphResponse, jsonResponse, noContent } from "./graph-response.ts";
import type { RouteRequest } from "./graph-routes.ts";
import { assignmentsProblem, entityReferenceProblem } from "./reference-checks.ts";
import { methodNotAllowed, objectBody } from "./route-helpers.ts";
import type { StoredObject } from "./tenant-store.ts";
import { deterministicGuid } from "./deterministic.ts";

export interface WriteTarget {
  request: RouteRequest;
  type: ObjectTypeDefinition;
  metadataUrl: string;
}

export function createEntity({ request, type, metadataUrl }: WriteTarget): GraphResponse {
  const body = objectBody(request.body);
  if (!body) return badRequest("The request body must be a JSON object.", request.requestId);
  if (type.polymorphic && typeof body["@odata.type"] !== "string") {
    return badRequest(`'@odata.type' is required: ${type.key} is a polymorphic collection.`, request.requestId);
  }
  const name = body[type.nameProperty];
  if (typeof name !== "string" || name.trim() === "") return badRequest(`Property '${type.nameProperty}' is required.`, request.requestId);
  const invalid = type.validateCreate?.(body) ?? entityReferenceProblem(request.store, type, body);
  if (invalid) return badRequest(invalid, request.requestId);
  const created = request.store.create(type, body);
  return {
    ...jsonResponse(201, { "@odata.context": `${metadataUrl}/$entity`, ...created.body }),
    created: { id: created.body.id, displayName: name },
  };
}

/**
 * PATCH never writes navigation properties or contained collections (Graph has actions and item
 * endpoints for those) nor read-only properties; the settings catalog also ignores everything but
 * name/description/scope tags. All of that is dropped silently, as Graph does. Changing the
 * derived type of an object is refused.
 */
export function patchEntity({ request, type }: WriteTarget, stored: StoredObject): GraphResponse {
  const body = objectBody(request.body);
  if (!body) return badRequest("The request body must be a JSON object.", request.requestId);
  const ignored = new Set([
    // The settings catalog's settings are a navigation property (PUT replaces them); elsewhere a plain property.
    ...(type.hasSettings ? ["settings"] : []),
    "assignments",
    ...(type.subCollections ?? []).map((sub) => sub.name),
    ...Object.keys(type.serverManaged ?? {}),
    // The role of a role assignment is set on create; Graph changes it only through its own reference.
    ...Object.keys(type.singleNavigations ?? {}).flatMap((name) => [name, `${name}@odata.bind`]),
  ]);
  const allowed = type.patchableProperties;
  const patch = Object.fromEntries(
    Object.entries(body).filter(([key]) => !ignored.has(key) && (!allowed || allowed.includes(key) || key === "@odata.type")),
  );
  if (patch["@odata.type"] !== undefined && patch["@odata.type"] !== stored.body["@odata.type"]) {
    return badRequest(
      `The type of ${type.key} '${stored.body.id}' cannot be changed to '${String(patch["@odata.type"])}'.`,
      request.requestId,
    );
  }
  if (type.builtInReadOnly && stored.body.isBuiltIn === true) {
    return badRequest(`The built-in ${type.key} item '${stored.body.id}' cannot be modified.`, request.requestId);
  }
  const invalid = type.validatePatch?.(stored.body, patch) ?? entityReferenceProblem(request.store, type, patch);
  if (invalid) return badRequest(invalid, request.requestId);
  request.store.update(type.key, stored.body.id, patch);
  return noContent();
}

export function putEntity({ request, type }: WriteTarget, stored: StoredObject): GraphResponse {
  if (!type.hasSettings) return methodNotAllowed(request);
  const body = objectBody(request.body);
  if (!body) return badRequest("The request body must be a JSON object.", request.requestId);
  const invalid = entityReferenceProblem(request.store, type, body);
  if (invalid) return badRequest(invalid, request.requestId);
  request.store.replace(type, stored.body.id, body);
  return noContent();
}

export function assignEntity({ request, type, metadataUrl }: WriteTarget, stored: StoredObject): GraphResponse {
  if (request.method !== "POST") return methodNotAllowed(request);
  const bodyKey = type.assignBodyKey ?? "assignments";
  const assignments = objectBody(request.body)?.[bodyKey];
  if (!Array.isArray(assignments)) return badRequest(`The request body must contain an '${bodyKey}' array.`, request.requestId);
  const invalid = assignmentsProblem(request.store, assignments);
  if (invalid) return badRequest(invalid, request.requestId);
  const value = request.store.replaceAssignments(type.key, stored.body.id, assignments) ?? [];
  return jsonResponse(200, { "@odata.context": `${metadataUrl}('${stored.body.id}')/assignments`, value });
}

export function runAction({ request, type }: WriteTarget, stored: StoredObject, name: string): GraphResponse {
  const action = type.actions?.[name];
  if (!action) return badRequest(`Resource not found for the segment '${name}'.`, request.requestId);
  if (request.method !== "POST") return methodNotAllowed(request);
  const body = objectBody(request.body);
  if (!body) return badRequest("The request body must be a JSON object.", request.requestId);
  const invalid = action({ store: request.store, stored, body });
  if (invalid) return badRequest(invalid, request.requestId);
  request.store.markModified(type.key, stored.body.id);
  return noContent();
}

/** `POST /{id}/{sub}` creates an item (server id), `PATCH`/`DELETE /{id}/{sub}/{itemId}` change or remove one. */
export function writeSubCollectionItem(
  { request, type }: WriteTarget,
  stored: StoredObject,
  sub: SubCollectionDefinition,
  segments: readonly string[],
  contextUrl: string,
): GraphResponse {
  const [itemId, ...deeper] = segments;
  if (deeper.length > 0 || (itemId === undefined) !== (request.method === "POST")) return methodNotAllowed(request);
  const items = stored.children[sub.name] ?? [];
  stored.children[sub.name] = items;
  if (request.method === "POST") {
    const body = objectBody(request.body);
    if (!body) return badRequest("The request body must be a JSON object.", request.requestId);
    const { id: _ignored, ...properties } = body;
    const id = deterministicGuid(stored.body.id, sub.name, "created", String(request.store.nextSequence()));
    const item = { ...properties, id, lastModifiedDateTime: new Date().toISOString() };
    items.push(item);
    request.store.markModified(type.key, stored.body.id);
    return jsonResponse(201, { "@odata.context": `${contextUrl}/$entity`, ...item });
  }
  const index = items.findIndex((candidate) => candidate.id === itemId);
  if (index < 0) return graphError(404, "ResourceNotFound", `${sub.name} item '${itemId}' was not found.`, request.requestId);
  if (request.method === "DELETE") items.splice(index, 1);
  else if (request.method === "PATCH") {
    const body = objectBody(request.body);
    if (!body) return badRequest("The request body must be a JSON object.", request.requestId);
    const { id: _ignored, ...properties } = body;
    Object.assign(items[index] as object, properties, { lastModifiedDateTime: new Date().toISOString() });
  } else return methodNotAllowed(request);
  request.store.markModified(type.key, stored.body.id);
  return noContent();
}

/**
 * Types without `/assign` (terms and conditions): `POST /{id}/assignments` adds one assignment (201),
 * `DELETE /{id}/assignments/{assignmentId}` removes one (204). Group and filter ids are checked as on `/assign`.
 */
export function writeAssignmentItem(
  { request, type, metadataUrl }: WriteTarget,
  stored: StoredObject,
  assignmentId?: string,
): GraphResponse {
  const current = stored.assignments;
  if (request.method === "POST" && assignmentId === undefined) {
    const body = objectBody(request.body);
    if (!body) return badRequest("The request body must be a JSON object.", request.requestId);
    const invalid = assignmentsProblem(request.store, [body]);
    if (invalid) return badRequest(invalid, request.requestId);
    const all = request.store.replaceAssignments(type.key, stored.body.id, [...current, body]) ?? [];
    return jsonResponse(201, { "@odata.context": `${metadataUrl}('${stored.body.id}')/assignments/$entity`, ...all.at(-1) });
  }
  if (request.method === "DELETE" && assignmentId !== undefined) {
    if (!current.some((assignment) => assignment.id === assignmentId)) {
      return graphError(404, "ResourceNotFound", `Assignment '${assignmentId}' was not found.`, request.requestId);
    }
    request.store.replaceAssignments(
      type.key,
      stored.body.id,
      current.filter((assignment) => assignment.id !== assignmentId),
    );
    return noContent();
  }
  return methodNotAllowed(request);
}
