// Response helpers shared by the entity routes (graph-routes.ts) and the sub-collection routes.

import { badRequest, graphError, type GraphResponse, jsonResponse } from "./graph-response.ts";
import { type PageRequest, pagedBody, readPageRequest } from "./paging.ts";
import type { RouteRequest } from "./graph-routes.ts";

/** Graph answers `@odata.count` (on every page, the nextLink keeps the option) only when asked `$count=true`. */
const COUNT_REQUESTED = /(^|&)(\$|%24)count=true(&|$)/i;

export function paged(
  request: RouteRequest,
  items: readonly unknown[],
  sizing: Parameters<typeof readPageRequest>[1],
  contextUrl: string,
): GraphResponse {
  const page: PageRequest | { error: string } = readPageRequest(new URLSearchParams(request.rawQuery), sizing);
  if ("error" in page) return badRequest(page.error, request.requestId);
  const collectionUrl = `${request.baseUrl}/${request.version}${request.pathname}`;
  const drop = request.shouldDropPage(page.pageNumber);
  const count = COUNT_REQUESTED.test(request.rawQuery) && !request.shouldIgnoreCount();
  return jsonResponse(200, pagedBody(items, page, { contextUrl, collectionUrl, rawQuery: request.rawQuery, drop, count }));
}

export function methodNotAllowed(request: RouteRequest): GraphResponse {
  return graphError(
    405,
    "BadRequest",
    `No OData route exists that match template for http verb ${request.method} on ${request.pathname}.`,
    request.requestId,
  );
}

export function objectBody(body: unknown): Record<string, unknown> | undefined {
  return typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
}
