import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoTenant, DEMO_TENANTS } from "./demo-tenants.ts";
import { startGraphSim } from "./server.ts";
import { collectAllPages, type GraphCaller, graphCaller, tokenFor } from "./test-support.ts";
import type { GraphSim, SimObject } from "./types.ts";

const northwind = demoTenant("Northwind");
const CONFIGS = "/v1.0/deviceManagement/deviceConfigurations";
const COMPLIANCE = "/v1.0/deviceManagement/deviceCompliancePolicies";
const POLICIES = "/beta/deviceManagement/configurationPolicies";
let sim: GraphSim;
let graph: GraphCaller;

beforeAll(async () => {
  sim = await startGraphSim();
  graph = graphCaller(sim, await tokenFor(sim, northwind));
});
afterAll(async () => {
  await sim.close();
});

const choiceSetting = (definitionId: string) => ({
  settingInstance: {
    "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance",
    settingDefinitionId: definitionId,
    choiceSettingValue: {
      "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingValue",
      value: `${definitionId}_1`,
      children: [],
    },
  },
});

describe("writes", () => {
  it("creates, patches and deletes a device configuration", async () => {
    const before = sim.objectCount(northwind.tenantId);
    const created = await graph.request("POST", CONFIGS, {
      "@odata.type": "#microsoft.graph.windows10GeneralConfiguration",
      displayName: "Northwind - Win - Restored",
      id: "client-chosen-id-is-ignored",
      passwordRequired: true,
    });
    expect(created.status).toBe(201);
    const body = (await created.json()) as SimObject;
    expect(body).toMatchObject({ displayName: "Northwind - Win - Restored", version: 1 });
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(sim.objectCount(northwind.tenantId)).toBe(before + 1);

    expect((await graph.request("PATCH", `${CONFIGS}/${body.id}`, { description: "patched" })).status).toBe(204);
    const patched = await graph.json(`${CONFIGS}/${body.id}`);
    expect(patched).toMatchObject({ description: "patched", version: 2 });

    expect((await graph.request("DELETE", `${CONFIGS}/${body.id}`)).status).toBe(204);
    expect((await graph.get(`${CONFIGS}/${body.id}`)).status).toBe(404);
    expect(sim.objectCount(northwind.tenantId)).toBe(before);
  });

  it("rejects creates Graph would reject", async () => {
    expect((await graph.request("POST", CONFIGS, { displayName: "no type" })).status).toBe(400);
    // Compliance policies need exactly one block action, which GET never returns.
    const [existing] = (await graph.json<{ value: SimObject[] }>(COMPLIANCE)).value;
    const { id: _id, ...copy } = existing as SimObject;
    expect((await graph.request("POST", COMPLIANCE, { ...copy, displayName: "copy" })).status).toBe(400);
    const withAction = {
      ...copy,
      displayName: "copy",
      scheduledActionsForRule: [
        { ruleName: "PasswordRequired", scheduledActionConfigurations: [{ actionType: "block", gracePeriodHours: 0 }] },
      ],
    };
    const created = await graph.request("POST", COMPLIANCE, withAction);
    expect(created.status).toBe(201);
    expect(await created.json()).not.toHaveProperty("scheduledActionsForRule");
  });

  it("settings catalog: create with settings, PATCH ignores settings, PUT replaces them", async () => {
    const created = await graph.request("POST", POLICIES, {
      name: "Northwind - Restored policy",
      platforms: "windows10",
      technologies: "mdm",
      settings: [choiceSetting("a"), choiceSetting("b")],
    });
    const policy = (await created.json()) as SimObject;
    expect(policy.settingCount).toBe(2);

    await graph.request("PATCH", `${POLICIES}/${policy.id}`, { name: "renamed", platforms: "macOS", settings: [] });
    expect(await graph.json(`${POLICIES}/${policy.id}`)).toMatchObject({ name: "renamed", platforms: "windows10", settingCount: 2 });

    const put = await graph.request("PUT", `${POLICIES}/${policy.id}`, {
      name: "renamed",
      platforms: "windows10",
      technologies: "mdm",
      settings: [choiceSetting("c")],
    });
    expect(put.status).toBe(204);
    const settings = await collectAllPages<{ id: string; settingInstance: { settingDefinitionId: string } }>(
      graph,
      `${POLICIES}/${policy.id}/settings`,
    );
    expect(settings.items.map((s) => [s.id, s.settingInstance.settingDefinitionId])).toEqual([["0", "c"]]);
  });

  it("assign replaces all assignments", async () => {
    const [profile] = (await graph.json<{ value: SimObject[] }>(CONFIGS)).value;
    // A group of Northwind's own directory: ids from elsewhere are refused (restore-writes.test.ts).
    const groupId = northwind.groups?.[0]?.id as string;
    const response = await graph.request("POST", `${CONFIGS}/${profile?.id}/assign`, {
      assignments: [{ target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId } }],
    });
    expect(response.status).toBe(200);
    const assignments = await graph.json<{ value: SimObject[] }>(`${CONFIGS}/${profile?.id}/assignments`);
    expect(assignments.value).toEqual([
      expect.objectContaining({ id: `${profile?.id}_${groupId}`, target: expect.objectContaining({ groupId }) }),
    ]);
  });

  it("never changes the exported DEMO_TENANTS", () => {
    expect(DEMO_TENANTS.find((t) => t.name === "Northwind")?.objects.deviceConfigurations).toHaveLength(1);
  });
});

describe("drift and control endpoints", () => {
  it("mutate changes an object in place and bumps lastModifiedDateTime and version", async () => {
    const [profile] = (await graph.json<{ value: SimObject[] }>(CONFIGS)).value as [SimObject];
    sim.mutate(northwind.tenantId, "deviceConfigurations", profile.id, { description: "changed in the portal" });
    const after = await graph.json(`${CONFIGS}/${profile.id}`);
    expect(after.description).toBe("changed in the portal");
    expect(after.version).toBe((profile.version as number) + 1);
    expect(Date.parse(after.lastModifiedDateTime as string)).toBeGreaterThan(Date.parse(profile.lastModifiedDateTime as string));
    expect(() => sim.mutate(northwind.tenantId, "deviceConfigurations", "nope", {})).toThrow();
    expect(() => sim.mutate(northwind.tenantId, "noSuchType", profile.id, {})).toThrow(/Unknown object type/);
  });

  it("offers counts and mutate over HTTP", async () => {
    const counts = (await (await fetch(`${sim.url}/_sim/tenants/${northwind.tenantId}/counts`)).json()) as {
      total: number;
      byType: Record<string, number>;
    };
    expect(counts).toEqual({ total: sim.objectCount(northwind.tenantId), byType: sim.objectCountsByType(northwind.tenantId) });
    expect((await fetch(`${sim.url}/_sim/tenants/not-a-tenant/counts`)).status).toBe(404);

    const [policy] = (await graph.json<{ value: SimObject[] }>(POLICIES)).value as [SimObject];
    const mutate = await fetch(`${sim.url}/_sim/tenants/${northwind.tenantId}/mutate`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ type: "configurationPolicies", id: policy.id, patch: { name: "drifted", settings: [choiceSetting("x")] } }),
    });
    expect(mutate.status).toBe(204);
    expect(await graph.json(`${POLICIES}/${policy.id}`)).toMatchObject({ name: "drifted", settingCount: 1 });

    const tenants = await (await fetch(`${sim.url}/_sim/tenants`)).text();
    expect(tenants).toContain(northwind.tenantId);
    expect(tenants).not.toContain(northwind.clientSecret);

    sim.clearHistory();
    await graph.get(CONFIGS);
    expect((await fetch(`${sim.url}/_sim/history`, { method: "DELETE" })).status).toBe(204);
    expect(sim.history()).toEqual([]);
  });
});
