// Entra groups (read-only) and the name overlap between demo tenants that cross-tenant restore
// tests rely on: shared names map, Northwind lacks some groups and filters Contoso's policies use.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoTenant, GROUPS_MISSING_IN_NORTHWIND } from "./demo-tenants.ts";
import { buildTenantSeed } from "./seed-builder.ts";
import { startGraphSim } from "./server.ts";
import { collectAllPages, type GraphCaller, graphCaller, tokenFor } from "./test-support.ts";
import type { GraphSim, SeedObject, TenantSeed } from "./types.ts";

const contoso = demoTenant("Contoso");
const northwind = demoTenant("Northwind");
const quoted = buildTenantSeed({
  name: "Quotes",
  tenantId: "q-tenant",
  clientId: "q-app",
  clientSecret: "q-secret",
  groupNames: ["O'Brien Team", "Ops"],
  counts: {},
});
let sim: GraphSim;
let graph: GraphCaller;

beforeAll(async () => {
  sim = await startGraphSim({ tenants: [contoso, northwind, quoted] });
  graph = graphCaller(sim, await tokenFor(sim, northwind));
});
afterAll(async () => {
  await sim.close();
});

const filterQuery = (filter: string) => `/v1.0/groups?$filter=${encodeURIComponent(filter)}`;
const namesOf = (tenant: TenantSeed) => (tenant.groups ?? []).map((group) => group.displayName);
/** Every group and filter id a tenant's policies assign. */
function assignedIds(tenant: TenantSeed, property: "groupId" | "deviceAndAppManagementAssignmentFilterId"): Set<string> {
  const policies = Object.values(tenant.objects).flat() as SeedObject[];
  return new Set(
    policies.flatMap((policy) =>
      (policy.assignments ?? []).flatMap((a) => (a.target as Record<string, string | undefined>)[property] ?? []),
    ),
  );
}

describe("GET /groups", () => {
  it("pages through the tenant's directory groups", async () => {
    const { items, pages } = await collectAllPages<{ id: string; displayName: string }>(
      graph,
      "/v1.0/groups?$top=5&$select=id,displayName",
    );
    expect(pages).toBeGreaterThan(1);
    expect(items.map((g) => [g.id, g.displayName])).toEqual((northwind.groups ?? []).map((g) => [g.id, g.displayName]));
  });

  it("honours $filter on displayName (case-insensitive, OData quote escaping) and id", async () => {
    const pilot = northwind.groups?.find((g) => g.displayName === "Pilot Users");
    expect((await graph.json<{ value: unknown[] }>(filterQuery("displayName eq 'pilot users'"))).value).toEqual([
      expect.objectContaining({ id: pilot?.id, displayName: "Pilot Users", securityEnabled: true }),
    ]);
    expect((await graph.json<{ value: unknown[] }>(filterQuery("displayName eq 'Executives'"))).value).toEqual([]);
    expect((await graph.json<{ value: unknown[] }>(filterQuery("startswith(displayName,'All ')"))).value).toHaveLength(4);
    expect((await graph.json<{ value: unknown[] }>(filterQuery(`id eq '${pilot?.id}'`))).value).toHaveLength(1);
    const quotes = graphCaller(sim, await tokenFor(sim, quoted));
    expect((await quotes.json<{ value: unknown[] }>(filterQuery("displayName eq 'O''Brien Team'"))).value).toHaveLength(1);
  });

  it("answers like Entra for unsupported filters, unknown ids and writes", async () => {
    const unsupported = await graph.get(filterQuery("mailNickname eq 'x'"));
    expect(unsupported.status).toBe(400);
    expect(((await unsupported.json()) as { error: { code: string } }).error.code).toBe("Request_UnsupportedQuery");
    const pilot = northwind.groups?.[0];
    expect(await graph.json(`/v1.0/groups/${pilot?.id}`)).toMatchObject({ id: pilot?.id, displayName: pilot?.displayName });
    expect((await graph.get("/v1.0/groups/00000000-0000-0000-0000-00000000abcd")).status).toBe(404);
    expect((await graph.request("POST", "/v1.0/groups", { displayName: "new" })).status).toBe(403);
    // Another tenant's groups are invisible.
    const contosoPilot = contoso.groups?.find((g) => g.displayName === "Pilot Users");
    expect(contosoPilot?.id).not.toBe(northwind.groups?.find((g) => g.displayName === "Pilot Users")?.id);
    expect((await graph.get(`/v1.0/groups/${contosoPilot?.id}`)).status).toBe(404);
  });
});

describe("name overlap for cross-tenant restore (Contoso -> Northwind)", () => {
  it("shares most group names, but Northwind lacks groups that Contoso's policies assign", () => {
    const shared = namesOf(contoso).filter((name) => namesOf(northwind).includes(name));
    expect(shared.length).toBeGreaterThanOrEqual(5);
    const assigned = assignedIds(contoso, "groupId");
    for (const name of GROUPS_MISSING_IN_NORTHWIND) {
      expect(namesOf(northwind)).not.toContain(name);
      expect(assigned.has(contoso.groups?.find((g) => g.displayName === name)?.id ?? ""), name).toBe(true);
    }
  });

  it("shares some assignment filters and scope tags by name, and lacks others Contoso uses", () => {
    const names = (tenant: TenantSeed, type: string) => (tenant.objects[type] ?? []).map((o) => String(o.displayName));
    const filters = { contoso: names(contoso, "assignmentFilters"), northwind: names(northwind, "assignmentFilters") };
    expect(filters.northwind.filter((name) => filters.contoso.includes(name)).length).toBeGreaterThan(0);
    const usedByContoso = (contoso.objects.assignmentFilters ?? []).filter((f) =>
      assignedIds(contoso, "deviceAndAppManagementAssignmentFilterId").has(f.id),
    );
    expect(usedByContoso.some((f) => !filters.northwind.includes(String(f.displayName)))).toBe(true);
    const tags = { contoso: names(contoso, "roleScopeTags"), northwind: names(northwind, "roleScopeTags") };
    expect(tags.northwind).toEqual(["Default"]);
    expect(tags.contoso.length).toBeGreaterThan(tags.northwind.length);
  });
});
