import { describe, expect, it } from "vitest";
import {
  allContracts,
  assignActionPathOf,
  assignmentsPathOf,
  collectionPathOf,
  contractFor,
  isContractKey,
  objectPathOf,
  settingsPathOf,
} from "./contracts.ts";

describe("contract registry", () => {
  it("lists every supported type once", () => {
    expect(allContracts.map((c) => c.key)).toEqual([
      "deviceConfigurations",
      "deviceCompliancePolicies",
      "configurationPolicies",
      "roleScopeTags",
      "assignmentFilters",
    ]);
    expect(allContracts.every((c) => c.collectionPath.startsWith("deviceManagement/"))).toBe(true);
  });

  it("knows the settings catalog quirks", () => {
    const settingsCatalog = contractFor("configurationPolicies");
    expect(settingsCatalog).toMatchObject({ apiVersion: "beta", displayNameField: "name", hasSettings: true, updateMethod: "PUT" });
    expect(allContracts.filter((c) => c.hasSettings).map((c) => c.key)).toEqual(["configurationPolicies"]);
  });

  it("marks the foundations", () => {
    expect(allContracts.filter((c) => c.isFoundation).map((c) => c.key)).toEqual(["roleScopeTags", "assignmentFilters"]);
  });

  it("builds version-rooted paths and encodes ids", () => {
    const policies = contractFor("configurationPolicies");
    expect(collectionPathOf(policies)).toBe("/beta/deviceManagement/configurationPolicies");
    expect(objectPathOf(policies, "a/b?c")).toBe("/beta/deviceManagement/configurationPolicies/a%2Fb%3Fc");
    expect(settingsPathOf(policies, "p1")).toBe("/beta/deviceManagement/configurationPolicies/p1/settings");
    expect(assignmentsPathOf(contractFor("deviceConfigurations"), "x")).toBe("/v1.0/deviceManagement/deviceConfigurations/x/assignments");
    expect(assignActionPathOf(contractFor("deviceCompliancePolicies"), "x")).toBe(
      "/v1.0/deviceManagement/deviceCompliancePolicies/x/assign",
    );
  });

  it("refuses paths a type does not have", () => {
    expect(() => settingsPathOf(contractFor("deviceConfigurations"), "x")).toThrow(/no settings/);
    expect(() => assignmentsPathOf(contractFor("roleScopeTags"), "x")).toThrow(/no assignments/);
  });

  it("guards untyped keys", () => {
    expect(isContractKey("deviceConfigurations")).toBe(true);
    expect(isContractKey("toString")).toBe(false);
    expect(() => contractFor("nope" as never)).toThrow(/Unsupported object type/);
  });
});
