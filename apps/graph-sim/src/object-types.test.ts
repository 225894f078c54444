// The object types beyond plain entities: what a plain GET leaves out and how the sub-collections,
// $expand and detail-only properties behave (the traps a complete capture has to get right).

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { demoTenant } from "./demo-tenants.ts";
import { OBJECT_TYPES } from "./object-types/registry.ts";
import { buildTenantSeed } from "./seed-builder.ts";
import { startGraphSim } from "./server.ts";
import { collectAllPages, type GraphCaller, graphCaller, tokenFor } from "./test-support.ts";
import type { GraphSim, SimObject } from "./types.ts";

const fabrikam = demoTenant("Fabrikam");
const northwind = demoTenant("Northwind");
const DM = "/beta/deviceManagement";
let sim: GraphSim;
let graph: GraphCaller;
let northwindGraph: GraphCaller;

beforeAll(async () => {
  sim = await startGraphSim();
  graph = graphCaller(sim, await tokenFor(sim, fabrikam));
  northwindGraph = graphCaller(sim, await tokenFor(sim, northwind));
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.clearFaults();
});

const firstOf = async (caller: GraphCaller, type: string) =>
  (await caller.json<{ value: SimObject[] }>(`${DM}/${type}`)).value[0] as SimObject;
const decode = (value: unknown) => Buffer.from(String(value), "base64").toString("utf8");

describe("script content only on GET by id", () => {
  it("platform scripts: the list says null, the object has the base64 script", async () => {
    const { items } = await collectAllPages<SimObject>(graph, `${DM}/deviceManagementScripts`);
    expect(items.every((script) => script.scriptContent === null)).toBe(true);
    const full = await graph.json(`${DM}/deviceManagementScripts/${items[0]?.id}`);
    expect(decode(full.scriptContent)).toContain("$ErrorActionPreference");
    expect(full).toMatchObject({ "@odata.type": "#microsoft.graph.deviceManagementScript", runAsAccount: expect.any(String) });
  });

  it("health scripts: detection and remediation content likewise", async () => {
    const listed = await firstOf(graph, "deviceHealthScripts");
    expect([listed.detectionScriptContent, listed.remediationScriptContent]).toEqual([null, null]);
    const full = await graph.json(`${DM}/deviceHealthScripts/${listed.id}`);
    expect(decode(full.detectionScriptContent)).toMatch(/exit [01]/);
    const assignments = await graph.json<{ value: SimObject[] }>(`${DM}/deviceHealthScripts/${listed.id}/assignments`);
    for (const assignment of assignments.value) expect(assignment.runSchedule).toMatchObject({ interval: 1 });
  });
});

describe("compliance scheduled actions", () => {
  const COMPLIANCE = "/v1.0/deviceManagement/deviceCompliancePolicies";

  it("are omitted by a plain GET and returned by the nested $expand and the sub-collection", async () => {
    const listed = await firstOf(graph, "deviceCompliancePolicies");
    const plain = await graph.json(`${COMPLIANCE}/${listed.id}`);
    expect(plain).not.toHaveProperty("scheduledActionsForRule");

    const shallow = await graph.json<{ scheduledActionsForRule: SimObject[] }>(
      `${COMPLIANCE}/${listed.id}?$expand=scheduledActionsForRule`,
    );
    expect(shallow.scheduledActionsForRule).toHaveLength(1);
    expect(shallow.scheduledActionsForRule[0]).not.toHaveProperty("scheduledActionConfigurations");

    const expand = encodeURIComponent("scheduledActionsForRule($expand=scheduledActionConfigurations)");
    const deep = await graph.json<{ scheduledActionsForRule: Array<{ id: string; scheduledActionConfigurations: SimObject[] }> }>(
      `${COMPLIANCE}/${listed.id}?$expand=${expand}`,
    );
    const [rule] = deep.scheduledActionsForRule;
    expect(rule?.scheduledActionConfigurations.filter((action) => action.actionType === "block")).toHaveLength(1);

    const viaPath = await graph.json<{ value: SimObject[] }>(
      `${COMPLIANCE}/${listed.id}/scheduledActionsForRule/${rule?.id}/scheduledActionConfigurations`,
    );
    expect(viaPath.value).toEqual(rule?.scheduledActionConfigurations);
  });

  it("notification actions reference the tenant's notification templates", async () => {
    const templates = await collectAllPages<SimObject>(graph, `${DM}/notificationMessageTemplates`);
    const policies = await collectAllPages<SimObject>(graph, `${DM}/deviceCompliancePolicies`);
    const referenced = new Set<string>();
    for (const policy of policies.items) {
      const rules = await graph.json<{ value: SimObject[] }>(
        `${DM}/deviceCompliancePolicies/${policy.id}/scheduledActionsForRule?$expand=scheduledActionConfigurations`,
      );
      for (const action of rules.value.flatMap((r) => r.scheduledActionConfigurations as SimObject[])) {
        if (action.actionType === "notification") referenced.add(String(action.notificationTemplateId));
      }
    }
    expect(referenced.size).toBeGreaterThan(0);
    for (const id of referenced) expect(templates.items.map((t) => t.id)).toContain(id);
  });

  it("a created policy keeps the actions it was created with", async () => {
    const { id: _id, ...copy } = await firstOf(northwindGraph, "deviceCompliancePolicies");
    const scheduledActionsForRule = [
      { ruleName: "PasswordRequired", scheduledActionConfigurations: [{ actionType: "block", gracePeriodHours: 12 }] },
    ];
    const created = (await (
      await northwindGraph.request("POST", COMPLIANCE, { ...copy, displayName: "with actions", scheduledActionsForRule })
    ).json()) as SimObject;
    const read = await northwindGraph.json<{ scheduledActionsForRule: Array<{ id: string; scheduledActionConfigurations: SimObject[] }> }>(
      `${COMPLIANCE}/${created.id}?$expand=scheduledActionsForRule($expand=scheduledActionConfigurations)`,
    );
    expect(read.scheduledActionsForRule[0]?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(read.scheduledActionsForRule[0]?.scheduledActionConfigurations).toEqual([
      expect.objectContaining({ actionType: "block", gracePeriodHours: 12, id: expect.any(String) }),
    ]);
  });

  it("rejects an expansion the type does not have", async () => {
    const listed = await firstOf(graph, "deviceCompliancePolicies");
    expect((await graph.get(`${COMPLIANCE}/${listed.id}?$expand=definitionValues`)).status).toBe(400);
    expect((await graph.get(`${COMPLIANCE}/${listed.id}?$expand=scheduledActionsForRule($expand=nope)`)).status).toBe(400);
  });
});

describe("administrative templates", () => {
  it("serve definition values in pages, the definition only when expanded, presentation values one level down", async () => {
    const configurations = await collectAllPages<SimObject>(graph, `${DM}/groupPolicyConfigurations`);
    const big = configurations.items[0] as SimObject; // every fourth profile spans more than one page
    const plain = await collectAllPages<SimObject>(graph, `${DM}/groupPolicyConfigurations/${big.id}/definitionValues`);
    expect(plain.pages).toBeGreaterThan(1);
    expect(plain.items.every((value) => !("definition" in value) && !("presentationValues" in value))).toBe(true);

    const expanded = await collectAllPages<SimObject & { definition: SimObject }>(
      graph,
      `${DM}/groupPolicyConfigurations/${big.id}/definitionValues?$expand=definition`,
    );
    expect(expanded.items.map((v) => v.id)).toEqual(plain.items.map((v) => v.id));
    expect(expanded.items.every((v) => v.definition["@odata.type"] === "#microsoft.graph.groupPolicyDefinition")).toBe(true);

    const withControls = expanded.items.find((v) => String(v.definition.displayName).includes("known folders")) ?? expanded.items[0];
    const valuesPath = `${DM}/groupPolicyConfigurations/${big.id}/definitionValues/${withControls?.id}`;
    const presentationValues = await graph.json<{ value: SimObject[] }>(`${valuesPath}/presentationValues?$expand=presentation`);
    for (const value of presentationValues.value)
      expect(value.presentation).toMatchObject({ id: expect.any(String), label: expect.any(String) });
    expect(await graph.json(`${valuesPath}/definition`)).toMatchObject({ id: withControls?.definition.id });
  });

  it("definitions are global: the same definition has the same id in every tenant", async () => {
    const idsOf = async (caller: GraphCaller) => {
      const configuration = await firstOf(caller, "groupPolicyConfigurations");
      const values = await collectAllPages<{ definition: SimObject }>(
        caller,
        `${DM}/groupPolicyConfigurations/${configuration.id}/definitionValues?$expand=definition`,
      );
      return new Map(values.items.map((v) => [v.definition.displayName, v.definition.id]));
    };
    const [inFabrikam, inNorthwind] = [await idsOf(graph), await idsOf(northwindGraph)];
    const shared = [...inNorthwind.keys()].filter((name) => inFabrikam.has(name));
    expect(shared.length).toBeGreaterThan(0);
    for (const name of shared) expect(inNorthwind.get(name)).toBe(inFabrikam.get(name));
  });

  it("drift can replace the definition values; dropPage hits sub-collection pages too", async () => {
    const configuration = await firstOf(northwindGraph, "groupPolicyConfigurations");
    const path = `${DM}/groupPolicyConfigurations/${configuration.id}/definitionValues`;
    const before = await collectAllPages<SimObject>(northwindGraph, `${path}?$expand=definition`);
    sim.mutate(northwind.tenantId, "groupPolicyConfigurations", configuration.id, { definitionValues: before.items.slice(1) });
    expect((await collectAllPages(northwindGraph, path)).items).toHaveLength(before.items.length - 1);

    const bigConfiguration = await firstOf(graph, "groupPolicyConfigurations");
    sim.injectFault({
      kind: "dropPage",
      tenantId: fabrikam.tenantId,
      pathContains: `${bigConfiguration.id}/definitionValues`,
      page: 2,
      count: 1,
    });
    const dropped = await collectAllPages(graph, `${DM}/groupPolicyConfigurations/${bigConfiguration.id}/definitionValues`);
    expect(dropped.pageSizes[1]).toBe(0);
  });
});

describe("intents, templates, enrollment and Autopilot", () => {
  it("intent settings are a paged sub-collection of setting instances", async () => {
    const intent = await firstOf(graph, "intents");
    const settings = await collectAllPages<SimObject>(graph, `${DM}/intents/${intent.id}/settings`);
    expect(settings.pages).toBeGreaterThan(1);
    expect(settings.pageSizes[0]).toBe(25);
    for (const setting of settings.items) {
      expect(setting).toMatchObject({
        definitionId: expect.stringMatching(/^deviceConfiguration--/),
        valueJson: JSON.stringify(setting.value),
      });
    }
    expect(intent).toMatchObject({ templateId: expect.any(String), "@odata.type": "#microsoft.graph.deviceManagementIntent" });
  });

  it("notification templates return localized messages only when expanded", async () => {
    const template = await firstOf(graph, "notificationMessageTemplates");
    expect(await graph.json(`/v1.0/deviceManagement/notificationMessageTemplates/${template.id}`)).not.toHaveProperty(
      "localizedNotificationMessages",
    );
    const expanded = await graph.json<{ localizedNotificationMessages: SimObject[] }>(
      `/v1.0/deviceManagement/notificationMessageTemplates/${template.id}?$expand=localizedNotificationMessages`,
    );
    expect(expanded.localizedNotificationMessages.filter((m) => m.isDefault)).toEqual([expect.objectContaining({ locale: "en-us" })]);
  });

  it("enrollment defaults carry the tenant id, and assign bodies use each type's own property", async () => {
    const enrollment = await collectAllPages<SimObject>(graph, `${DM}/deviceEnrollmentConfigurations`);
    expect(enrollment.items.map((c) => c.id)).toContain(`${fabrikam.tenantId}_DefaultLimit`);
    const custom = enrollment.items.find((c) => c.priority !== 0) as SimObject;
    const target = { "@odata.type": "#microsoft.graph.allLicensedUsersAssignmentTarget" };
    const path = `${DM}/deviceEnrollmentConfigurations/${custom.id}/assign`;
    expect((await graph.request("POST", path, { assignments: [{ target }] })).status).toBe(400);
    expect((await graph.request("POST", path, { enrollmentConfigurationAssignments: [{ target }] })).status).toBe(200);
    const script = await firstOf(graph, "deviceManagementScripts");
    const scriptAssign = `${DM}/deviceManagementScripts/${script.id}/assign`;
    expect((await graph.request("POST", scriptAssign, { deviceManagementScriptAssignments: [{ target }] })).status).toBe(200);
  });

  it("Autopilot profiles nest their OOBE settings", async () => {
    const profile = await firstOf(graph, "windowsAutopilotDeploymentProfiles");
    expect(profile).toMatchObject({
      "@odata.type": expect.stringMatching(/WindowsAutopilotDeploymentProfile$/),
      outOfBoxExperienceSettings: expect.objectContaining({ hideEULA: true }),
      deviceType: "windowsPc",
    });
    expect(
      (await graph.json<{ value: unknown[] }>(`${DM}/windowsAutopilotDeploymentProfiles/${profile.id}/assignments`)).value,
    ).toBeDefined();
  });
});

describe("seeding", () => {
  it("is deterministic, and one type's count never reshuffles another type's data", () => {
    const spec = {
      name: "Seedtest",
      tenantId: "5e5e5e5e-0000-4000-8000-000000000001",
      clientId: "5e5e5e5e-0000-4000-8000-000000000002",
      clientSecret: "sim-secret-seedtest",
      counts: Object.fromEntries(OBJECT_TYPES.map((type) => [type.key, 3])),
    };
    const seed = buildTenantSeed(spec);
    expect(buildTenantSeed(spec)).toEqual(seed);
    const moreProfiles = buildTenantSeed({ ...spec, counts: { ...spec.counts, deviceConfigurations: 9 } });
    for (const type of OBJECT_TYPES.filter((t) => t.key !== "deviceConfigurations")) {
      expect(moreProfiles.objects[type.key], type.key).toEqual(seed.objects[type.key]);
    }
  });
});
