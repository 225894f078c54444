// restorePayload for the references that are not plain id lists: a settings catalog policy names a
// reusable setting only through a reference setting value (a plain string at the same path is no
// reference), and a role assignment names its role through a bind, its holders and scope by group.

import { describe, expect, it } from "vitest";
import { foundationReferences } from "../foundation-references.ts";
import { RestorePayloadError, restorePayload } from "./restore-payload.ts";
import type { IdMap } from "./restore-types.ts";

const REFERENCE = "#microsoft.graph.deviceManagementConfigurationReferenceSettingValue";
const STRING = "#microsoft.graph.deviceManagementConfigurationStringSettingValue";
const MAP: Record<string, string> = {
  "reusablePolicySettings|r-src": "r-dst",
  "roleDefinitions|role-src": "role-dst",
  "groups|g-src": "g-dst",
};
const idMap: IdMap = (kind, id) => MAP[`${kind}|${id}`];

const rule = (values: object[]) => ({
  "@odata.type": "#microsoft.graph.deviceManagementConfigurationSimpleSettingCollectionInstance",
  settingDefinitionId: "vendor_msft_firewall_mdmstore_firewallrules_{firewallrulename}_remoteaddressdynamickeywords",
  simpleSettingCollectionValue: values,
});
const firewall = (values: object[]) => ({
  "@odata.type": "#microsoft.graph.deviceManagementConfigurationPolicy",
  id: "p1",
  name: "Firewall rules",
  roleScopeTagIds: ["0"],
  settings: [
    {
      id: "0",
      settingInstance: {
        "@odata.type": "#microsoft.graph.deviceManagementConfigurationGroupSettingCollectionInstance",
        settingDefinitionId: "vendor_msft_firewall_mdmstore_firewallrules_{firewallrulename}",
        groupSettingCollectionValue: [{ children: [rule(values)] }],
      },
    },
  ],
  assignments: [],
});
const valuesOf = (body: Record<string, unknown>) =>
  (
    body.settings as { settingInstance: { groupSettingCollectionValue: { children: { simpleSettingCollectionValue: object[] }[] }[] } }[]
  )[0]!.settingInstance.groupSettingCollectionValue[0]!.children[0]!.simpleSettingCollectionValue;

describe("reusable setting references", () => {
  it("maps a reference setting value to the target's reusable setting and leaves plain strings at the same path alone", () => {
    const document = firewall([
      { "@odata.type": REFERENCE, value: "r-src", note: null },
      { "@odata.type": STRING, value: "r-src" },
    ]);
    const references = foundationReferences("configurationPolicies", document);
    expect(references.find((reference) => reference.foundation === "reusablePolicySettings")).toEqual({
      foundation: "reusablePolicySettings",
      ids: ["r-src"],
    });
    const payload = restorePayload("configurationPolicies", document, { idMap });
    expect(valuesOf(payload.body)).toEqual([
      { "@odata.type": REFERENCE, value: "r-dst", note: null },
      { "@odata.type": STRING, value: "r-src" },
    ]);
    expect(payload.unmapped).toEqual([]);
  });

  it("reports an unmapped reusable setting and leaves that value out, never the source id", () => {
    const payload = restorePayload("configurationPolicies", firewall([{ "@odata.type": REFERENCE, value: "r-other", note: null }]), {
      idMap,
    });
    expect(valuesOf(payload.body)).toEqual([]);
    expect(payload.unmapped).toEqual([expect.objectContaining({ kind: "reusablePolicySettings", sourceId: "r-other" })]);
  });
});

describe("role assignments", () => {
  const assignment = {
    "@odata.type": "#microsoft.graph.deviceAndAppManagementRoleAssignment",
    id: "ra1",
    displayName: "Service desk",
    members: ["g-src"],
    scopeMembers: ["g-src", "g-missing"],
    resourceScopes: ["g-src"],
    scopeType: "resourceScope",
    roleScopeTagIds: ["0"],
    roleDefinition: { id: "role-src", displayName: "Service desk - Remote actions", isBuiltIn: false, rolePermissions: [] },
  };

  it("binds the target's role and maps holders and scope groups; the expanded role is only read", () => {
    const payload = restorePayload("roleAssignments", assignment, { idMap });
    expect(payload.body).toEqual({
      "@odata.type": "#microsoft.graph.deviceAndAppManagementRoleAssignment",
      displayName: "Service desk",
      members: ["g-dst"],
      scopeMembers: ["g-dst"],
      resourceScopes: ["g-dst"],
      scopeType: "resourceScope",
      roleScopeTagIds: ["0"],
      "roleDefinition@odata.bind": "https://graph.microsoft.com/beta/deviceManagement/roleDefinitions('role-dst')",
    });
    expect(payload.unmapped).toEqual([expect.objectContaining({ kind: "groups", sourceId: "g-missing" })]);
  });

  it("refuses to create an assignment captured without its role (Graph needs the bind)", () => {
    const { roleDefinition: _role, ...withoutRole } = assignment;
    expect(() => restorePayload("roleAssignments", withoutRole, { idMap })).toThrow(RestorePayloadError);
    // An update leaves the role as it is: PATCH never changes it.
    expect(restorePayload("roleAssignments", withoutRole, { idMap, mode: "update" }).body).not.toHaveProperty("roleDefinition@odata.bind");
  });
});
