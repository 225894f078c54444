// Read-only routes below an object's contained sub-collections, at any depth:
// `/{id}/definitionValues`, `/{id}/definitionValues/{dvId}`, `/{id}/definitionValues/{dvId}/presentationValues`,
// `/{id}/definitionValues/{dvId}/definition`, `/{id}/scheduledActionsForRule?$expand=...` and so on.
// Writes below an object go through bound actions (ADMX `updateDefinitionValues`, compliance
// `scheduleActionsForRules`) or, for writable sub-collections, item writes (write-routes.ts).

import { ExpandError, parseExpand, projectItem } from "./expand.ts";
import { badRequest, graphError, type GraphResponse, jsonResponse } from "./graph-response.ts";
import type { RouteRequest } from "./graph-routes.ts";
import type { SubCollectionDefinition } from "./object-types/definition.ts";
import { methodNotAllowed, paged } from "./route-helpers.ts";
import type { SimObject } from "./types.ts";

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 100;

/**
 * `items` are the stored items of `sub`; `segments` the path below the collection segment;
 * `contextUrl` the collection's `@odata.context`.
 */
export function routeSubCollection(
  request: RouteRequest,
  sub: SubCollectionDefinition,
  items: readonly SimObject[],
  segments: readonly string[],
  contextUrl: string,
): GraphResponse {
  if (request.method !== "GET") return methodNotAllowed(request);
  try {
    return routeGet(request, sub, items, segments, contextUrl);
  } catch (error) {
    if (error instanceof ExpandError) return badRequest(error.message, request.requestId);
    throw error;
  }
}

function routeGet(
  request: RouteRequest,
  sub: SubCollectionDefinition,
  items: readonly SimObject[],
  segments: readonly string[],
  contextUrl: string,
): GraphResponse {
  const expand = parseExpand(new URLSearchParams(request.rawQuery).get("$expand"));
  const [itemId, navigation, ...deeper] = segments;
  if (itemId === undefined) {
    const served = items.map((item) => projectItem(sub, item, expand));
    const pageSize = sub.pageSize ?? DEFAULT_PAGE_SIZE;
    return paged(request, served, { defaultSize: pageSize, maxSize: Math.max(pageSize, MAX_PAGE_SIZE) }, contextUrl);
  }
  const item = items.find((candidate) => candidate.id === itemId);
  if (!item) return graphError(404, "ResourceNotFound", `${sub.name} item '${itemId}' was not found.`, request.requestId);
  const itemUrl = `${contextUrl}('${itemId}')`;
  if (navigation === undefined) return jsonResponse(200, { "@odata.context": `${contextUrl}/$entity`, ...projectItem(sub, item, expand) });

  const child = sub.children?.find((candidate) => candidate.name === navigation);
  if (child) {
    const childItems = Array.isArray(item[child.name]) ? (item[child.name] as SimObject[]) : [];
    return routeGet(request, child, childItems, deeper, `${itemUrl}/${child.name}`);
  }
  if (deeper.length === 0 && sub.itemNavigationProperties?.includes(navigation)) {
    const target = item[navigation];
    if (typeof target !== "object" || target === null) {
      return graphError(404, "ResourceNotFound", `'${navigation}' of ${sub.name} item '${itemId}' was not found.`, request.requestId);
    }
    return jsonResponse(200, { "@odata.context": `${itemUrl}/${navigation}/$entity`, ...(target as Record<string, unknown>) });
  }
  return badRequest(`Resource not found for the segment '${navigation}'.`, request.requestId);
}
