// The write surface a restore needs, with Graph's rules: creates recorded per name, references
// checked against the tenant, ADMX definition values via updateDefinitionValues, compliance actions
// via scheduleActionsForRules, localized messages item by item, and the post-write faults.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { demoTenant } from "./demo-tenants.ts";
import { catalogDefinition } from "./object-types/admx-catalog.ts";
import { startGraphSim } from "./server.ts";
import { type GraphCaller, graphCaller, tokenFor } from "./test-support.ts";
import type { GraphSim, SimObject } from "./types.ts";

const northwind = demoTenant("Northwind");
const contoso = demoTenant("Contoso");
const DM = "/beta/deviceManagement";
let sim: GraphSim;
let graph: GraphCaller;

beforeAll(async () => {
  sim = await startGraphSim();
  graph = graphCaller(sim, await tokenFor(sim, northwind));
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.clearFaults();
  sim.clearHistory();
});

const group = (name: string) => northwind.groups?.find((g) => g.displayName === name)?.id as string;
const groupTarget = (groupId: string, filterId: string | null = null) => ({
  "@odata.type": "#microsoft.graph.groupAssignmentTarget",
  groupId,
  deviceAndAppManagementAssignmentFilterId: filterId,
  deviceAndAppManagementAssignmentFilterType: filterId ? "include" : "none",
});
const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; message: string } }).error;
const profile = (displayName: string, extra: Record<string, unknown> = {}) => ({
  "@odata.type": "#microsoft.graph.windows10GeneralConfiguration",
  displayName,
  roleScopeTagIds: ["0"],
  passwordRequired: true,
  ...extra,
});

describe("creates and references", () => {
  it("records each create with its id and name, so duplicates can be counted", async () => {
    const response = await graph.request("POST", `${DM}/deviceConfigurations`, profile("Restored once"));
    const created = (await response.json()) as SimObject;
    expect(response.status).toBe(201);
    expect(created).toMatchObject({ displayName: "Restored once", version: 1, supportsScopeTags: true });
    const creates = sim.history({ tenantId: northwind.tenantId }).filter((e) => e.createdDisplayName === "Restored once");
    expect(creates).toEqual([expect.objectContaining({ method: "POST", status: 201, createdId: created.id })]);
    expect(
      sim
        .history()
        .filter((e) => e.method === "GET")
        .every((e) => e.createdDisplayName === undefined),
    ).toBe(true);
  });

  it("refuses scope tags, filters and groups of another tenant with a Graph-like 400", async () => {
    const foreignTag = await graph.request("POST", `${DM}/deviceConfigurations`, profile("x", { roleScopeTagIds: ["0", "5"] }));
    expect(foreignTag.status).toBe(400);
    expect(await errorOf(foreignTag)).toMatchObject({ code: "BadRequest", message: expect.stringMatching(/Scope tag '5'/) });

    const [target] = (await graph.json<{ value: SimObject[] }>(`${DM}/deviceConfigurations`)).value as [SimObject];
    const assign = (target: Record<string, unknown>) =>
      graph.request("POST", `${DM}/deviceConfigurations/${target.id ?? ""}/assign`, { assignments: [{ target }] });
    const contosoFilter = contoso.objects.assignmentFilters?.[3]?.id as string;
    const contosoGroup = contoso.groups?.[0]?.id as string;
    const ok = { id: target.id, ...groupTarget(group("Pilot Users"), northwind.objects.assignmentFilters?.[0]?.id as string) };
    expect((await assign(ok)).status).toBe(200);
    const cases = [groupTarget(contosoGroup), groupTarget(group("Pilot Users"), contosoFilter)];
    for (const bad of cases) {
      const response = await graph.request("POST", `${DM}/deviceConfigurations/${target.id}/assign`, { assignments: [{ target: bad }] });
      expect(response.status).toBe(400);
    }
    // A refused assign changes nothing.
    const assignments = await graph.json<{ value: SimObject[] }>(`${DM}/deviceConfigurations/${target.id}/assignments`);
    expect(assignments.value.map((a) => (a.target as { groupId: string }).groupId)).toEqual([group("Pilot Users")]);
  });

  it("keeps read-only properties server-owned and never changes a derived type", async () => {
    const tag = (await (
      await graph.request("POST", `${DM}/roleScopeTags`, { displayName: "Imported", isBuiltIn: true })
    ).json()) as SimObject;
    expect(tag).toMatchObject({ id: "1", isBuiltIn: false });
    const [config] = (await graph.json<{ value: SimObject[] }>(`${DM}/deviceConfigurations`)).value as [SimObject];
    const retype = await graph.request("PATCH", `${DM}/deviceConfigurations/${config.id}`, {
      "@odata.type": "#microsoft.graph.iosGeneralDeviceConfiguration",
    });
    expect(retype.status).toBe(400);
    const same = await graph.request("PATCH", `${DM}/deviceConfigurations/${config.id}`, {
      "@odata.type": config["@odata.type"],
      description: "d",
    });
    expect(same.status).toBe(204);
  });

  it("accepts base64 script content on create and patch, and rejects anything else", async () => {
    const body = {
      displayName: "Script",
      fileName: "a.ps1",
      runAsAccount: "system",
      scriptContent: Buffer.from("Write-Host 1").toString("base64"),
    };
    const created = (await (await graph.request("POST", `${DM}/deviceManagementScripts`, body)).json()) as SimObject;
    expect((await graph.json(`${DM}/deviceManagementScripts/${created.id}`)).scriptContent).toBe(body.scriptContent);
    const patched = Buffer.from("Write-Host 2").toString("base64");
    await graph.request("PATCH", `${DM}/deviceManagementScripts/${created.id}`, { scriptContent: patched });
    expect((await graph.json(`${DM}/deviceManagementScripts/${created.id}`)).scriptContent).toBe(patched);
    expect((await graph.request("POST", `${DM}/deviceManagementScripts`, { ...body, scriptContent: "not base64!" })).status).toBe(400);
  });

  it("filters lists by name where the endpoint supports it and ignores $filter elsewhere", async () => {
    const [config] = northwind.objects.deviceConfigurations as [SimObject];
    const byName = await graph.json<{ value: SimObject[] }>(
      `${DM}/deviceConfigurations?$filter=${encodeURIComponent(`displayName eq '${String(config.displayName).toUpperCase()}'`)}`,
    );
    expect(byName.value.map((o) => o.id)).toEqual([config.id]);
    const filters = await graph.json<{ value: SimObject[] }>(
      `${DM}/assignmentFilters?$filter=${encodeURIComponent("displayName eq 'nope'")}`,
    );
    expect(filters.value.length).toBe(sim.objectCountsByType(northwind.tenantId).assignmentFilters);
  });
});

describe("sub-resource writes", () => {
  it("compliance: PATCH ignores scheduled actions, scheduleActionsForRules replaces them (one block action)", async () => {
    const COMPLIANCE = "/v1.0/deviceManagement/deviceCompliancePolicies";
    const [policy] = northwind.objects.deviceCompliancePolicies as [SimObject];
    const expand = `?$expand=${encodeURIComponent("scheduledActionsForRule($expand=scheduledActionConfigurations)")}`;
    const actionsOf = async () =>
      (
        await graph.json<{ scheduledActionsForRule: Array<{ scheduledActionConfigurations: SimObject[] }> }>(
          `${COMPLIANCE}/${policy.id}${expand}`,
        )
      ).scheduledActionsForRule[0]?.scheduledActionConfigurations.map((a) => [a.actionType, a.gracePeriodHours]);
    const before = await actionsOf();
    const rule = (actions: Array<[string, number]>) => ({
      ruleName: "PasswordRequired",
      scheduledActionConfigurations: actions.map(([actionType, gracePeriodHours]) => ({
        actionType,
        gracePeriodHours,
        notificationTemplateId: null,
      })),
    });
    await graph.request("PATCH", `${COMPLIANCE}/${policy.id}`, { scheduledActionsForRule: [rule([["block", 5]])] });
    expect(await actionsOf()).toEqual(before);
    const twoBlocks = await graph.request("POST", `${COMPLIANCE}/${policy.id}/scheduleActionsForRules`, {
      deviceComplianceScheduledActionForRules: [
        rule([
          ["block", 0],
          ["block", 1],
        ]),
      ],
    });
    expect(twoBlocks.status).toBe(400);
    const replaced = await graph.request("POST", `${COMPLIANCE}/${policy.id}/scheduleActionsForRules`, {
      deviceComplianceScheduledActionForRules: [
        rule([
          ["block", 12],
          ["retire", 720],
        ]),
      ],
    });
    expect(replaced.status).toBe(204);
    expect(await actionsOf()).toEqual([
      ["block", 12],
      ["retire", 720],
    ]);
  });

  it("ADMX: definition values are written with updateDefinitionValues and bound to the global catalog", async () => {
    const created = (await (
      await graph.request("POST", `${DM}/groupPolicyConfigurations`, { displayName: "ADMX restored", definitionValues: [] })
    ).json()) as SimObject;
    // A seeded value whose definition has controls, so presentation binds are exercised too.
    const seedValues = (contoso.objects.groupPolicyConfigurations ?? []).flatMap((p) => p.definitionValues as SimObject[]);
    const seedValue = seedValues.find((v) => (v.presentationValues as unknown[]).length > 0) as SimObject;
    const definitionId = (seedValue.definition as SimObject).id;
    const presentationId = [...(catalogDefinition(definitionId)?.presentations.keys() ?? [])][0];
    expect(presentationId).toBeDefined();
    const bind = `https://graph.microsoft.com/beta/deviceManagement/groupPolicyDefinitions('${definitionId}')`;
    const value = {
      enabled: true,
      "definition@odata.bind": bind,
      presentationValues: presentationId
        ? [
            {
              "@odata.type": "#microsoft.graph.groupPolicyPresentationValueText",
              value: "x",
              "presentation@odata.bind": `${bind}/presentations('${presentationId}')`,
            },
          ]
        : [],
    };
    const update = (body: unknown) => graph.request("POST", `${DM}/groupPolicyConfigurations/${created.id}/updateDefinitionValues`, body);
    expect((await update({ added: [{ ...value, "definition@odata.bind": "groupPolicyDefinitions('nope')" }] })).status).toBe(400);
    expect((await update({ added: [value], updated: [], deletedIds: [] })).status).toBe(204);
    expect((await update({ added: [value] })).status).toBe(400); // the definition is configured already
    const values = await graph.json<{ value: SimObject[] }>(
      `${DM}/groupPolicyConfigurations/${created.id}/definitionValues?$expand=definition`,
    );
    expect(values.value).toEqual([expect.objectContaining({ enabled: true, definition: expect.objectContaining({ id: definitionId }) })]);
    const presentations = await graph.json<{ value: SimObject[] }>(
      `${DM}/groupPolicyConfigurations/${created.id}/definitionValues/${values.value[0]?.id}/presentationValues?$expand=presentation`,
    );
    expect(presentations.value.map((p) => (p.presentation as SimObject).id)).toEqual(presentationId ? [presentationId] : []);
    // Replace: delete what is there and add again in one call.
    expect((await update({ added: [{ ...value, enabled: false }], deletedIds: [values.value[0]?.id] })).status).toBe(204);
    const replaced = await graph.json<{ value: SimObject[] }>(`${DM}/groupPolicyConfigurations/${created.id}/definitionValues`);
    expect(replaced.value.map((v) => v.enabled)).toEqual([false]);
  });

  it("notification templates: localized messages are created, patched and deleted one by one", async () => {
    const MESSAGES = (id: string) => `/v1.0/deviceManagement/notificationMessageTemplates/${id}/localizedNotificationMessages`;
    const template = (await (
      await graph.request("POST", "/v1.0/deviceManagement/notificationMessageTemplates", {
        displayName: "Restored template",
        defaultLocale: "en-us",
        roleScopeTagIds: ["0"],
      })
    ).json()) as SimObject;
    const created = await graph.request("POST", MESSAGES(template.id), {
      locale: "en-us",
      subject: "s",
      messageTemplate: "m",
      isDefault: true,
    });
    expect(created.status).toBe(201);
    const message = (await created.json()) as SimObject;
    expect((await graph.request("PATCH", `${MESSAGES(template.id)}/${message.id}`, { subject: "s2" })).status).toBe(204);
    expect((await graph.json<{ value: SimObject[] }>(MESSAGES(template.id))).value).toEqual([
      expect.objectContaining({ subject: "s2", locale: "en-us" }),
    ]);
    expect((await graph.request("DELETE", `${MESSAGES(template.id)}/${message.id}`)).status).toBe(204);
    expect((await graph.json<{ value: SimObject[] }>(MESSAGES(template.id))).value).toEqual([]);
  });
});

describe("post-write faults", () => {
  it("mutateAfterWrite changes the written object once, right after the write", async () => {
    sim.injectFault({ kind: "mutateAfterWrite", tenantId: northwind.tenantId, pathContains: "deviceConfigurations", count: 1 });
    const response = await graph.request(
      "POST",
      `${DM}/deviceConfigurations`,
      profile("Mutated after write", { description: "as written" }),
    );
    const created = (await response.json()) as SimObject;
    expect(created.description).toBe("as written");
    expect((await graph.json(`${DM}/deviceConfigurations/${created.id}`)).description).toBe("as written (changed after write)");
    expect(sim.history().find((e) => e.createdId === created.id)?.fault).toBe("mutateAfterWrite");
    await graph.request("PATCH", `${DM}/deviceConfigurations/${created.id}`, { description: "fixed" });
    expect((await graph.json(`${DM}/deviceConfigurations/${created.id}`)).description).toBe("fixed");

    sim.injectFault({ kind: "mutateAfterWrite", pathContains: String(created.id), property: "passwordRequired", count: 1 });
    await graph.request("POST", `${DM}/deviceConfigurations/${created.id}/assign`, { assignments: [] });
    expect((await graph.json(`${DM}/deviceConfigurations/${created.id}`)).passwordRequired).toBe(false);
  });

  it("dropConnection: the create happens, the answer is lost", async () => {
    const before = sim.objectCount(northwind.tenantId);
    sim.injectFault({ kind: "dropConnection", tenantId: northwind.tenantId, pathContains: "deviceConfigurations", count: 1 });
    await expect(graph.request("POST", `${DM}/deviceConfigurations`, profile("Lost answer"))).rejects.toThrow();
    expect(sim.objectCount(northwind.tenantId)).toBe(before + 1);
    expect(sim.history().filter((e) => e.createdDisplayName === "Lost answer")).toEqual([
      expect.objectContaining({ status: 201, fault: "dropConnection" }),
    ]);
  });
});
