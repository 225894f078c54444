import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_TENANTS, demoTenant, FABRIKAM_BASELINE_POLICY_NAME } from "./demo-tenants.ts";
import { OBJECT_TYPES } from "./object-types/registry.ts";
import { startGraphSim } from "./server.ts";
import { collectAllPages, type GraphCaller, graphCaller, tokenFor } from "./test-support.ts";
import type { GraphSim, SimObject } from "./types.ts";

const fabrikam = demoTenant("Fabrikam");
let sim: GraphSim;
let fabrikamGraph: GraphCaller;

beforeAll(async () => {
  sim = await startGraphSim();
  fabrikamGraph = graphCaller(sim, await tokenFor(sim, fabrikam));
});
afterAll(async () => {
  await sim.close();
});

describe("collections", () => {
  it("paging over all pages returns exactly objectCountsByType, for every demo tenant and type", async () => {
    for (const tenant of DEMO_TENANTS) {
      const graph = graphCaller(sim, await tokenFor(sim, tenant));
      const seen: Record<string, number> = {};
      for (const type of OBJECT_TYPES) {
        const { items } = await collectAllPages<SimObject>(graph, `/beta/${type.collectionPath}`);
        expect(new Set(items.map((item) => item.id)).size).toBe(items.length);
        seen[type.key] = items.length;
      }
      expect(seen).toEqual(sim.objectCountsByType(tenant.tenantId));
      expect(Object.values(seen).reduce((a, b) => a + b, 0)).toBe(sim.objectCount(tenant.tenantId));
    }
  });

  it("demo tenants have the documented sizes and Fabrikam needs several pages", async () => {
    const totals = Object.fromEntries(DEMO_TENANTS.map((t) => [t.name, sim.objectCount(t.tenantId)]));
    expect(totals).toEqual({ Contoso: 177, Fabrikam: 383, Northwind: 35, Tailspin: 45 });
    for (const key of ["deviceConfigurations", "deviceCompliancePolicies", "configurationPolicies"]) {
      const { pages, pageSizes } = await collectAllPages(fabrikamGraph, `/v1.0/deviceManagement/${key}`);
      expect(pages).toBeGreaterThan(1);
      expect(pageSizes[0]).toBe(50);
    }
  });

  it("honours $top up to the maximum, keeps query options in nextLink, counts only with $count=true", async () => {
    const small = await fabrikamGraph.json<{ value: unknown[]; "@odata.nextLink": string; "@odata.count"?: number }>(
      "/v1.0/deviceManagement/deviceConfigurations?$top=7",
    );
    expect(small.value).toHaveLength(7);
    expect(small["@odata.count"]).toBeUndefined();
    expect(small["@odata.nextLink"]).toMatch(
      new RegExp(`^${sim.url}/v1\\.0/deviceManagement/deviceConfigurations\\?\\$top=7&\\$skiptoken=`),
    );

    const big = await fabrikamGraph.json<{ value: unknown[]; "@odata.count": number }>(
      "/v1.0/deviceManagement/deviceConfigurations?$top=999&$count=true",
    );
    expect(big.value).toHaveLength(100);
    expect(big["@odata.count"]).toBe(sim.objectCountsByType(fabrikam.tenantId).deviceConfigurations);

    expect((await fabrikamGraph.get("/v1.0/deviceManagement/deviceConfigurations?$skiptoken=garbage")).status).toBe(400);
    expect((await fabrikamGraph.get("/v1.0/deviceManagement/deviceConfigurations?$top=-1")).status).toBe(400);
  });

  it("serves single objects and assignments with Graph shapes", async () => {
    const page = await fabrikamGraph.json<{ value: SimObject[] }>("/v1.0/deviceManagement/deviceCompliancePolicies");
    const policy = page.value[0] as SimObject;
    expect(policy["@odata.type"]).toMatch(/^#microsoft\.graph\..+CompliancePolicy$/);
    expect(policy).not.toHaveProperty("scheduledActionsForRule");
    expect(policy).not.toHaveProperty("assignments");

    const single = await fabrikamGraph.json(`/v1.0/deviceManagement/deviceCompliancePolicies/${policy.id}`);
    expect(single["@odata.context"]).toContain("/$entity");
    expect({ ...single, "@odata.context": undefined }).toEqual({ ...policy, "@odata.context": undefined });

    const assignments = await fabrikamGraph.json<{ value: Array<{ target: { "@odata.type": string } }> }>(
      `/v1.0/deviceManagement/deviceCompliancePolicies/${policy.id}/assignments`,
    );
    expect(Array.isArray(assignments.value)).toBe(true);
    for (const assignment of assignments.value) expect(assignment.target["@odata.type"]).toMatch(/AssignmentTarget$/);

    expect((await fabrikamGraph.get("/v1.0/deviceManagement/deviceCompliancePolicies/does-not-exist")).status).toBe(404);
    expect((await fabrikamGraph.get("/v1.0/deviceManagement/unknownThings")).status).toBe(400);
  });

  it("is deterministic: a second sim serves identical seed data", async () => {
    const other = await startGraphSim();
    try {
      const otherGraph = graphCaller(other, await tokenFor(other, fabrikam));
      const path = "/beta/deviceManagement/configurationPolicies?$top=5";
      const strip = (page: Record<string, unknown>) => JSON.stringify(page.value);
      expect(strip(await otherGraph.json(path))).toBe(strip(await fabrikamGraph.json(path)));
    } finally {
      await other.close();
    }
  });
});

describe("settings catalog settings", () => {
  it("the 320-setting Fabrikam policy yields 320 settings over 13 pages of 25", async () => {
    const policies = await collectAllPages<SimObject & { name: string; settingCount: number }>(
      fabrikamGraph,
      "/beta/deviceManagement/configurationPolicies",
    );
    const large = policies.items.filter((policy) => policy.settingCount >= 300);
    expect(large.map((policy) => policy.name)).toEqual([FABRIKAM_BASELINE_POLICY_NAME]);
    const policy = large[0] as SimObject;

    // $top does not change the settings page size: Graph always answers 25 at a time.
    const { items, pages, pageSizes } = await collectAllPages<{ id: string; settingInstance: Record<string, unknown> }>(
      fabrikamGraph,
      `/beta/deviceManagement/configurationPolicies/${policy.id}/settings?$top=1000`,
    );
    expect(items).toHaveLength(320);
    expect(pages).toBe(13);
    expect(pageSizes).toEqual([...Array(12).fill(25), 20]);
    expect(items.map((setting) => setting.id)).toEqual(Array.from({ length: 320 }, (_, index) => String(index)));
    expect(new Set(items.map((setting) => setting.settingInstance.settingDefinitionId)).size).toBe(320);
    for (const { settingInstance } of items) {
      expect(settingInstance["@odata.type"]).toMatch(/^#microsoft\.graph\.deviceManagementConfiguration(Choice|Simple)SettingInstance$/);
      expect(settingInstance.choiceSettingValue ?? settingInstance.simpleSettingValue).toBeDefined();
    }
  });
});
