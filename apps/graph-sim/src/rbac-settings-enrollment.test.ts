// Reusable policy settings, Intune role assignments and Apple enrollment tokens as the simulator
// serves them: references of THIS tenant only (a policy's reusable setting, an assignment's role
// and groups), the role only with $expand and written as a bind, the referencing policy count the
// service's own, and tokens that no JSON body can create.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoTenant } from "./demo-tenants.ts";
import { startGraphSim } from "./server.ts";
import { type GraphCaller, graphCaller, tokenFor } from "./test-support.ts";
import type { GraphSim, SimObject } from "./types.ts";

const fabrikam = demoTenant("Fabrikam");
const northwind = demoTenant("Northwind");
const DM = "/beta/deviceManagement";
const REFERENCE = "#microsoft.graph.deviceManagementConfigurationReferenceSettingValue";
let sim: GraphSim;
let graph: GraphCaller;

beforeAll(async () => {
  sim = await startGraphSim();
  graph = graphCaller(sim, await tokenFor(sim, fabrikam));
});
afterAll(async () => {
  await sim.close();
});

const list = async (path: string) => (await graph.json<{ value: SimObject[] }>(path)).value;

/** A firewall rules policy whose one rule names the reusable setting `id`. */
const firewallPolicy = (name: string, id: string) => ({
  name,
  platforms: "windows10",
  technologies: "mdm,microsoftSense",
  roleScopeTagIds: ["0"],
  settings: [
    {
      settingInstance: {
        "@odata.type": "#microsoft.graph.deviceManagementConfigurationGroupSettingCollectionInstance",
        settingDefinitionId: "vendor_msft_firewall_mdmstore_firewallrules_{firewallrulename}",
        groupSettingCollectionValue: [
          {
            children: [
              {
                "@odata.type": "#microsoft.graph.deviceManagementConfigurationSimpleSettingCollectionInstance",
                settingDefinitionId: "vendor_msft_firewall_mdmstore_firewallrules_{firewallrulename}_remoteaddressdynamickeywords",
                simpleSettingCollectionValue: [{ "@odata.type": REFERENCE, value: id, note: null }],
              },
            ],
          },
        ],
      },
    },
  ],
});

describe("reusable policy settings", () => {
  it("counts the policies that use a setting itself and refuses a policy naming another tenant's setting", async () => {
    const [setting] = await list(`${DM}/reusablePolicySettings`);
    expect(setting).toMatchObject({ referencingConfigurationPolicyCount: 1 });
    expect(setting).not.toHaveProperty("referencingConfigurationPolicies");
    const foreign = northwind.objects.reusablePolicySettings![0]!.id;
    expect((await graph.request("POST", `${DM}/configurationPolicies`, firewallPolicy("Foreign", foreign))).status).toBe(400);
    const created = await graph.request("POST", `${DM}/configurationPolicies`, firewallPolicy("Own", String(setting!.id)));
    expect(created.status).toBe(201);
    const counted = await graph.json<SimObject>(`${DM}/reusablePolicySettings/${setting!.id}`);
    expect(counted.referencingConfigurationPolicyCount).toBe(2);
    // The count is the service's: a write cannot set it.
    const written = await graph.request("POST", `${DM}/reusablePolicySettings`, {
      displayName: "Written count",
      settingDefinitionId: setting!.settingDefinitionId,
      settingInstance: setting!.settingInstance,
      referencingConfigurationPolicyCount: 9,
    });
    expect(((await written.json()) as SimObject).referencingConfigurationPolicyCount).toBe(0);
  });
});

describe("role assignments", () => {
  it("returns the role only with $expand and takes it as a bind to a role of this tenant", async () => {
    const [assignment] = await list(`${DM}/roleAssignments`);
    expect(assignment).not.toHaveProperty("roleDefinition");
    const expanded = await graph.json<SimObject>(`${DM}/roleAssignments/${assignment!.id}?$expand=roleDefinition`);
    const seeded = fabrikam.objects.roleAssignments!.find((object) => object.id === assignment!.id)!;
    expect((expanded.roleDefinition as SimObject).id).toBe((seeded.roleDefinition as SimObject).id);
    const role = fabrikam.objects.roleDefinitions!.find((candidate) => candidate.isBuiltIn !== true)!;
    const group = fabrikam.groups![0]!.id;
    const body = (roleId: string, members: string[]) => ({
      displayName: "Created assignment",
      members,
      scopeMembers: [],
      roleScopeTagIds: ["0"],
      "roleDefinition@odata.bind": `https://graph.microsoft.com/beta/deviceManagement/roleDefinitions('${roleId}')`,
    });
    const foreignRole = northwind.objects.roleDefinitions!.find((candidate) => candidate.isBuiltIn !== true)!.id;
    expect((await graph.request("POST", `${DM}/roleAssignments`, body(foreignRole, [group]))).status).toBe(400);
    expect((await graph.request("POST", `${DM}/roleAssignments`, body(role.id, [northwind.groups![0]!.id]))).status).toBe(400);
    const { "roleDefinition@odata.bind": _bind, ...withoutRole } = body(role.id, [group]);
    expect((await graph.request("POST", `${DM}/roleAssignments`, withoutRole)).status).toBe(400);
    const created = (await (await graph.request("POST", `${DM}/roleAssignments`, body(role.id, [group]))).json()) as SimObject;
    const readBack = await graph.json<SimObject>(`${DM}/roleAssignments/${created.id}?$expand=roleDefinition`);
    expect(readBack).toMatchObject({ members: [group], roleDefinition: { id: role.id, displayName: role.displayName } });
  });
});

describe("Apple enrollment tokens", () => {
  it("serve their iOS and macOS enrollment profiles below them and cannot be created from JSON", async () => {
    const [token] = await list(`${DM}/depOnboardingSettings`);
    expect(token).not.toHaveProperty("enrollmentProfiles");
    const profiles = await list(`${DM}/depOnboardingSettings/${token!.id}/enrollmentProfiles`);
    expect(new Set(profiles.map((profile) => profile["@odata.type"]))).toEqual(
      new Set(["#microsoft.graph.depIOSEnrollmentProfile", "#microsoft.graph.depMacOSEnrollmentProfile"]),
    );
    expect((await graph.request("POST", `${DM}/depOnboardingSettings`, { tokenName: "Copied token" })).status).toBe(400);
  });
});
