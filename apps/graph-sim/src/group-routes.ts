// Entra ID groups, read-only: `GET /groups` (paged, `$filter` on displayName or id) and
// `GET /groups/{id}`. Restore maps assignment targets to groups by display name; TenantAtlas never
// creates groups, so writes get the 403 an app without Group.ReadWrite.All gets. `$select` is
// ignored (the whole group is always returned).

import { badRequest, graphError, type GraphResponse, jsonResponse } from "./graph-response.ts";
import type { RouteRequest } from "./graph-routes.ts";
import { matchesNameFilter, parseNameFilter } from "./odata-filter.ts";
import { paged } from "./route-helpers.ts";
import type { SeedGroup } from "./types.ts";

/** Entra's defaults for /groups: 100 per page, `$top` up to 999. */
const GROUP_PAGE_SIZE = 100;
const GROUP_MAX_PAGE_SIZE = 999;
const FILTERABLE = ["displayName", "id"];
/** Seeded groups carry no creation time; a fixed one keeps responses deterministic. */
const GROUP_CREATED = "2022-11-07T09:30:00Z";

export function routeGroups(request: RouteRequest, rest: readonly string[]): GraphResponse {
  if (request.method !== "GET") {
    return graphError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.", request.requestId);
  }
  const contextUrl = `${request.baseUrl}/${request.version}/$metadata#groups`;
  const [id, ...deeper] = rest;
  if (id !== undefined) {
    if (deeper.length > 0) return badRequest(`Resource not found for the segment '${deeper[0]}'.`, request.requestId);
    const group = request.store.groups.find((candidate) => candidate.id === id);
    if (!group) return graphError(404, "Request_ResourceNotFound", `Resource '${id}' does not exist.`, request.requestId);
    return jsonResponse(200, { "@odata.context": `${contextUrl}/$entity`, ...groupEntity(group) });
  }
  let groups = request.store.groups.map(groupEntity);
  const filterText = new URLSearchParams(request.rawQuery).get("$filter");
  if (filterText !== null) {
    const filter = parseNameFilter(filterText);
    if (!filter || !FILTERABLE.includes(filter.property)) {
      return graphError(
        400,
        "Request_UnsupportedQuery",
        `Unsupported or invalid query filter clause specified: '${filterText}'.`,
        request.requestId,
      );
    }
    groups = groups.filter((group) => matchesNameFilter(filter, group));
  }
  return paged(request, groups, { defaultSize: GROUP_PAGE_SIZE, maxSize: GROUP_MAX_PAGE_SIZE }, contextUrl);
}

function groupEntity(group: SeedGroup): Record<string, unknown> {
  return {
    "@odata.type": "#microsoft.graph.group",
    id: group.id,
    displayName: group.displayName,
    description: null,
    createdDateTime: GROUP_CREATED,
    groupTypes: [],
    mailEnabled: false,
    mailNickname: group.displayName.replace(/[^A-Za-z0-9]/g, "").toLowerCase(),
    securityEnabled: true,
  };
}
