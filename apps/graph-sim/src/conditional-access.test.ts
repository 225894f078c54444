// Conditional Access as the simulator serves it: both named location types under
// identity/conditionalAccess, policies that reference the tenant's locations and groups, and the
// write rules Graph applies (a type for every location, references of THIS tenant only).

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoTenant } from "./demo-tenants.ts";
import { startGraphSim } from "./server.ts";
import { type GraphCaller, graphCaller, tokenFor } from "./test-support.ts";
import type { GraphSim, SimObject } from "./types.ts";

const fabrikam = demoTenant("Fabrikam");
const northwind = demoTenant("Northwind");
const CA = "/beta/identity/conditionalAccess";
let sim: GraphSim;
let graph: GraphCaller;

beforeAll(async () => {
  sim = await startGraphSim();
  graph = graphCaller(sim, await tokenFor(sim, fabrikam));
});
afterAll(async () => {
  await sim.close();
});

const list = async (path: string) => (await graph.json<{ value: SimObject[]; "@odata.count"?: number }>(path)).value;

describe("Conditional Access", () => {
  it("serves IP and country named locations and policies that reference them and the tenant's groups", async () => {
    const locations = await list(`${CA}/namedLocations`);
    expect(new Set(locations.map((location) => location["@odata.type"]))).toEqual(
      new Set(["#microsoft.graph.ipNamedLocation", "#microsoft.graph.countryNamedLocation"]),
    );
    const policies = await list(`${CA}/policies`);
    expect(policies).toHaveLength(fabrikam.objects.conditionalAccessPolicies!.length);
    const locationIds = new Set(locations.map((location) => location.id));
    const groupIds = new Set(fabrikam.groups!.map((group) => group.id));
    for (const policy of policies) {
      const conditions = policy.conditions as { users: Record<string, string[]>; locations: Record<string, string[]> | null };
      const located = [...(conditions.locations?.includeLocations ?? []), ...(conditions.locations?.excludeLocations ?? [])];
      expect(
        located.filter((id) => !id.startsWith("All")).every((id) => locationIds.has(id)),
        String(policy.displayName),
      ).toBe(true);
      const grouped = [...conditions.users.includeGroups!, ...conditions.users.excludeGroups!];
      expect(
        grouped.every((id) => groupIds.has(id)),
        String(policy.displayName),
      ).toBe(true);
    }
    expect(new Set(policies.map((policy) => policy.state))).toEqual(new Set(["enabled", "enabledForReportingButNotEnforced", "disabled"]));
  });

  it("refuses a location without its type and a policy that names another tenant's location or group", async () => {
    expect((await graph.request("POST", `${CA}/namedLocations`, { displayName: "No type", ipRanges: [] })).status).toBe(400);
    const created = await graph.request("POST", `${CA}/namedLocations`, {
      "@odata.type": "#microsoft.graph.countryNamedLocation",
      displayName: "Created",
      countriesAndRegions: ["KP"],
      includeUnknownCountriesAndRegions: false,
    });
    expect(created.status).toBe(201);
    const location = (await created.json()) as SimObject;
    const foreignGroup = northwind.groups![0]!.id;
    const policy = (users: object, locations: object) => ({
      displayName: "Created policy",
      state: "enabledForReportingButNotEnforced",
      conditions: { users: { includeUsers: ["All"], ...users }, applications: { includeApplications: ["All"] }, locations },
      grantControls: { operator: "OR", builtInControls: ["block"] },
    });
    const foreignLocation = northwind.objects.namedLocations![0]!.id;
    expect((await graph.request("POST", `${CA}/policies`, policy({}, { includeLocations: [foreignLocation] }))).status).toBe(400);
    expect((await graph.request("POST", `${CA}/policies`, policy({ excludeGroups: [foreignGroup] }, {}))).status).toBe(400);
    expect((await graph.request("POST", `${CA}/policies`, { ...policy({}, {}), state: "on" })).status).toBe(400);
    const accepted = await graph.request("POST", `${CA}/policies`, policy({}, { includeLocations: [location.id, "AllTrusted"] }));
    expect(accepted.status).toBe(201);
    expect(((await accepted.json()) as SimObject).modifiedDateTime).toBeNull();
  });
});
