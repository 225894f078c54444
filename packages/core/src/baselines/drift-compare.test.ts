import { describe, expect, it } from "vitest";
import { compareWithBaseline } from "./drift-compare.ts";

const setting = (id: string, value: string) => ({
  settingInstance: { settingDefinitionId: id, choiceSettingValue: { value, children: [] } },
});

const policy = (archive: string, groupId = "group-a") => ({
  "@odata.type": "#microsoft.graph.deviceManagementConfigurationPolicy",
  name: "Defender AV",
  settings: [setting("defender_allowarchivescanning", archive), setting("defender_allowbehaviormonitoring", "on")],
  assignments: [{ target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId } }],
  roleScopeTagIds: ["0"],
});

const item = { id: "item-1", objectType: "configurationPolicies", displayName: "Defender AV", normalizedPayload: policy("on") };
const live = (payload: unknown, providerId = "p1", displayName = "Defender AV") => ({
  objectType: "configurationPolicies",
  displayName,
  providerId,
  normalizedPayload: payload,
});

describe("comparing a tenant with a baseline", () => {
  it("finds nothing when the configuration is equal, whatever the tenant's own groups and scope tags", () => {
    const result = compareWithBaseline({
      items: [item],
      live: [live({ ...policy("on", "group-of-another-tenant"), roleScopeTagIds: ["7"] })],
    });
    expect(result).toEqual({ findings: [], equal: 1 });
  });

  it("names the one changed setting with its expected and actual value", () => {
    const result = compareWithBaseline({ items: [item], live: [live(policy("off"))] });
    expect(result.findings).toEqual([
      {
        kind: "changed",
        objectType: "configurationPolicies",
        displayName: "Defender AV",
        baselineItemId: "item-1",
        providerIds: ["p1"],
        changes: [
          {
            kind: "changed",
            path: "settings[defender_allowarchivescanning].settingInstance.choiceSettingValue.value",
            before: "on",
            after: "off",
          },
        ],
      },
    ]);
  });

  it("measures against the accepted state once the tenant's value was accepted", () => {
    const accepted = new Map([["item-1", policy("off")]]);
    expect(compareWithBaseline({ items: [item], live: [live(policy("off"))], acceptedByItemId: accepted }).findings).toEqual([]);
    expect(compareWithBaseline({ items: [item], live: [live(policy("on"))], acceptedByItemId: accepted }).findings).toHaveLength(1);
  });

  it("reports missing, ambiguous and unmanaged objects of covered types, and ignores types the baseline does not cover", () => {
    const other = { ...item, id: "item-2", displayName: "Firewall" };
    const result = compareWithBaseline({
      items: [item, other],
      live: [
        live(policy("on"), "p1"),
        live(policy("on"), "p2"),
        live(policy("on"), "p3", "Tenant's own policy"),
        { objectType: "deviceConfigurations", displayName: "Wi-Fi", providerId: "d1", normalizedPayload: {} },
      ],
    });
    expect(result.equal).toBe(0);
    expect(result.findings.map(({ kind, displayName, providerIds }) => ({ kind, displayName, providerIds }))).toEqual([
      { kind: "ambiguous", displayName: "Defender AV", providerIds: ["p1", "p2"] },
      { kind: "missing", displayName: "Firewall", providerIds: [] },
      { kind: "unmanaged", displayName: "Tenant's own policy", providerIds: ["p3"] },
    ]);
  });
});
