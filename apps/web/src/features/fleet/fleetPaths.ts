/** The findings page of an environment (its global id), as the API's drift notifications link it too. */
export function findingsPath(environmentId: string): string {
  return `/fleet/environments/${encodeURIComponent(environmentId)}`;
}

export interface FleetFilter {
  environmentIds: string[];
  baselineIds: string[];
  onlyDrifted: boolean;
}

/** The fleet filter kept in the address (?environment=a&environment=b&baseline=c&drifted=1), so it survives a reload and a link. */
export function readFleetFilter(params: URLSearchParams): FleetFilter {
  return {
    environmentIds: params.getAll("environment"),
    baselineIds: params.getAll("baseline"),
    onlyDrifted: params.get("drifted") === "1",
  };
}

export function fleetFilterParams(filter: FleetFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const id of filter.environmentIds) params.append("environment", id);
  for (const id of filter.baselineIds) params.append("baseline", id);
  if (filter.onlyDrifted) params.set("drifted", "1");
  return params;
}

/** The API's filter: an empty choice means all (left out), not none. */
export function apiFleetFilter(filter: FleetFilter) {
  return {
    environmentIds: filter.environmentIds.length > 0 ? filter.environmentIds : null,
    baselineIds: filter.baselineIds.length > 0 ? filter.baselineIds : null,
    onlyDrifted: filter.onlyDrifted || null,
  };
}
