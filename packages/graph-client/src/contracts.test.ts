import { LINE_OF_BUSINESS_APP_TYPES, OBJECT_TYPES } from "@atlas/graph-sim";
import { describe, expect, it } from "vitest";
import {
  allContracts,
  assignActionPathOf,
  assignmentsPathOf,
  builtInReasonOf,
  collectionPathOf,
  identityKeyOf,
  previewOnlyReasonOf,
  contractFor,
  isContractKey,
  objectPathOf,
  settingsPathOf,
  subCollectionPathOf,
} from "./contracts.ts";
import { parsePath } from "./normalize/payload-path.ts";

describe("contract registry", () => {
  it("lists every supported type once", () => {
    expect(allContracts.map((c) => c.key)).toEqual([
      "deviceConfigurations",
      "deviceCompliancePolicies",
      "configurationPolicies",
      "roleScopeTags",
      "assignmentFilters",
      "groupPolicyConfigurations",
      "deviceEnrollmentConfigurations",
      "windowsAutopilotDeploymentProfiles",
      "deviceManagementScripts",
      "deviceHealthScripts",
      "intents",
      "notificationMessageTemplates",
      "iosManagedAppProtections",
      "androidManagedAppProtections",
      "windowsManagedAppProtections",
      "windowsFeatureUpdateProfiles",
      "windowsQualityUpdateProfiles",
      "windowsDriverUpdateProfiles",
      "mobileAppConfigurations",
      "targetedManagedAppConfigurations",
      "deviceShellScripts",
      "deviceCustomAttributeShellScripts",
      "deviceComplianceScripts",
      "deviceCategories",
      "termsAndConditions",
      "reusablePolicySettings",
      "roleDefinitions",
      "roleAssignments",
      "depOnboardingSettings",
      "namedLocations",
      "conditionalAccessPolicies",
      "mobileApps",
    ]);
    const appManagement = allContracts.filter((c) => c.collectionPath.startsWith("deviceAppManagement/")).map((c) => c.key);
    expect(appManagement).toEqual([
      "iosManagedAppProtections",
      "androidManagedAppProtections",
      "windowsManagedAppProtections",
      "mobileAppConfigurations",
      "targetedManagedAppConfigurations",
      "mobileApps",
    ]);
    const entra = allContracts.filter((c) => c.collectionPath.startsWith("identity/conditionalAccess/")).map((c) => c.key);
    expect(entra).toEqual(["namedLocations", "conditionalAccessPolicies"]);
    expect(
      allContracts.every((c) => appManagement.includes(c.key) || entra.includes(c.key) || c.collectionPath.startsWith("deviceManagement/")),
    ).toBe(true);
  });

  it("covers exactly the simulator's object types, with the same paths, names and assignability", () => {
    // inventory.sync lists allContracts: a simulator type without a contract would never be counted.
    const simTypes = OBJECT_TYPES.map((t) => [t.key, t.collectionPath, t.nameProperty, t.assignable, t.foundation]);
    const contracts = allContracts.map((c) => [c.key, c.collectionPath, c.displayNameField, c.hasAssignments, c.isFoundation]);
    expect([...contracts].sort()).toEqual([...simTypes].sort());
  });

  it("agrees with the simulator on name filters and assign body keys (restore relies on both)", () => {
    const simTypes = OBJECT_TYPES.map((t) => [t.key, t.nameFilter === true, t.assignable ? (t.assignBodyKey ?? "assignments") : "-"]);
    const contracts = allContracts.map((c) => [c.key, c.supportsNameFilter, c.hasAssignments ? c.assignBodyKey : "-"]);
    expect([...contracts].sort()).toEqual([...simTypes].sort());
    expect(contractFor("roleScopeTags").readOnlyPaths).toEqual(["isBuiltIn"]);
    // The apps the simulator leaves unpublished without their package are the ones a restore only previews.
    expect(contractFor("mobileApps").previewOnlyObjects?.values).toEqual(LINE_OF_BUSINESS_APP_TYPES);
  });

  it("describes complete captures, restore support and foundation dependencies", () => {
    expect(contractFor("deviceCompliancePolicies").subResources).toEqual([
      expect.objectContaining({ kind: "expand", expand: "scheduledActionsForRule($expand=scheduledActionConfigurations)" }),
    ]);
    expect(contractFor("groupPolicyConfigurations").subResources).toEqual([
      expect.objectContaining({
        kind: "collection",
        key: "definitionValues",
        perItem: { key: "presentationValues", expand: "presentation", requestCount: true },
      }),
    ]);
    expect(contractFor("configurationPolicies").subResources).toEqual([
      expect.objectContaining({ key: "settings", totalProperty: "settingCount", isSettings: true }),
    ]);
    expect(contractFor("deviceManagementScripts").subResources).toEqual([
      { kind: "detailProperties", properties: [{ name: "scriptContent", required: true }] },
    ]);
    expect(allContracts.filter((c) => c.restoreSupport === "previewOnly").map((c) => c.key)).toEqual(["intents", "depOnboardingSettings"]);
    // App configurations name the configured app by its catalog id: mapped through the restored apps.
    expect(contractFor("mobileAppConfigurations").dependsOn).toContainEqual({ foundation: "mobileApps", path: "targetedMobileApps[]" });
    expect(contractFor("deviceCompliancePolicies").dependsOn.map((d) => d.foundation)).toEqual([
      "roleScopeTags",
      "assignmentFilters",
      "notificationMessageTemplates",
      "deviceComplianceScripts",
    ]);
    const foundations = new Set(allContracts.filter((c) => c.isFoundation).map((c) => c.key as string));
    for (const contract of allContracts) {
      for (const dependency of contract.dependsOn) expect(foundations.has(dependency.foundation), contract.key).toBe(true);
      expect(contract.dependsOn.some((d) => d.foundation === contract.key)).toBe(false);
    }
  });

  it("documents a normalization spec per type, with paths that parse and sorted assignments where there are any", () => {
    for (const contract of allContracts) {
      const { stripPaths, keepIdPaths, reduceTo, unorderedArrays } = contract.normalization;
      const paths = [
        ...stripPaths,
        ...keepIdPaths,
        ...reduceTo.map((r) => r.path),
        ...unorderedArrays.flatMap((u) => [u.path, ...(u.sortBy ?? [])]),
      ];
      // Every character of a path is accounted for by its tokens: no typo silently matches nothing.
      const rejoined = (path: string) =>
        parsePath(path).reduce((text, token) => (token === "[]" || text === "" ? text + token : `${text}.${token}`), "");
      for (const path of paths) expect(rejoined(path), contract.key).toBe(path);
      expect(
        unorderedArrays.some((u) => u.path === "assignments"),
        contract.key,
      ).toBe(contract.hasAssignments);
    }
    expect(contractFor("configurationPolicies").normalization.unorderedArrays).toContainEqual({
      path: "settings",
      sortBy: ["settingInstance.settingDefinitionId"],
    });
    expect(contractFor("configurationPolicies").normalization.stripPaths).toContain("settingCount");
  });

  it("knows which objects are built in: a built-in role is never written, a custom one is", () => {
    expect(builtInReasonOf("roleDefinitions", { displayName: "Help Desk Operator", isBuiltIn: true })).toMatch(/Microsoft's/);
    expect(builtInReasonOf("roleDefinitions", { displayName: "Fabrikam - App packager", isBuiltIn: false })).toBeUndefined();
    expect(allContracts.filter((c) => c.builtIn).map((c) => c.key)).toEqual(["roleDefinitions", "mobileApps"]);
    const outlook = { "@odata.type": "#microsoft.graph.managedIOSStoreApp", displayName: "Microsoft Outlook" };
    expect(builtInReasonOf("mobileApps", { ...outlook, appAvailability: "global" })).toMatch(/every tenant/);
    expect(builtInReasonOf("mobileApps", { ...outlook, appAvailability: "lineOfBusiness" })).toBeUndefined();
    expect(allContracts.filter((c) => c.itemAssignments).map((c) => c.key)).toEqual(["termsAndConditions"]);
  });

  it("lists line-of-business apps as preview-only objects, store apps and links as restorable", () => {
    const app = (kind: string) => ({ "@odata.type": `#microsoft.graph.${kind}`, displayName: "App" });
    for (const kind of ["win32LobApp", "windowsMobileMSI", "iosLobApp", "androidLobApp", "macOSLobApp", "macOSPkgApp"]) {
      expect(previewOnlyReasonOf("mobileApps", app(kind)), kind).toMatch(/package/);
    }
    for (const kind of ["iosStoreApp", "androidManagedStoreApp", "webApp", "winGetApp", "officeSuiteApp", "macOSMicrosoftEdgeApp"]) {
      expect(previewOnlyReasonOf("mobileApps", app(kind)), kind).toBeUndefined();
    }
    expect(previewOnlyReasonOf("deviceConfigurations", app("win32LobApp"))).toBeUndefined();
    // Outlook for iOS and for Android share a name: an app's identity includes its kind.
    expect(identityKeyOf("mobileApps", " Microsoft Outlook", "#microsoft.graph.iosStoreApp")).not.toBe(
      identityKeyOf("mobileApps", "microsoft outlook", "#microsoft.graph.androidManagedStoreApp"),
    );
    expect(identityKeyOf("roleScopeTags", " Finance", "#microsoft.graph.roleScopeTag")).toBe("finance");
  });

  it("cannot be changed by a caller", () => {
    const contract = contractFor("deviceConfigurations");
    expect(Object.isFrozen(contract.normalization.unorderedArrays)).toBe(true);
    expect(() => (contract.normalization.stripPaths as string[]).push("displayName")).toThrow();
  });

  it("knows the settings catalog quirks", () => {
    const settingsCatalog = contractFor("configurationPolicies");
    expect(settingsCatalog).toMatchObject({ apiVersion: "beta", displayNameField: "name", hasSettings: true, updateMethod: "PUT" });
    expect(allContracts.filter((c) => c.hasSettings).map((c) => c.key)).toEqual(["configurationPolicies"]);
  });

  it("marks the foundations", () => {
    expect(allContracts.filter((c) => c.isFoundation).map((c) => c.key)).toEqual([
      "roleScopeTags",
      "assignmentFilters",
      "notificationMessageTemplates",
      "deviceComplianceScripts",
      "reusablePolicySettings",
      "roleDefinitions",
      "namedLocations",
      "mobileApps",
    ]);
  });

  it("states Conditional Access's own permissions, references and safe restore state", () => {
    const policies = contractFor("conditionalAccessPolicies");
    expect(policies.permissions).toEqual({ read: "Policy.Read.All", write: "Policy.ReadWrite.ConditionalAccess" });
    expect(contractFor("namedLocations").permissions).toEqual(policies.permissions);
    expect(contractFor("deviceCategories").permissions).toEqual({
      read: "DeviceManagementManagedDevices.Read.All",
      write: "DeviceManagementManagedDevices.ReadWrite.All",
    });
    expect(policies.dependsOn.map((d) => [d.foundation, d.path])).toEqual([
      ["namedLocations", "conditions.locations.includeLocations[]"],
      ["namedLocations", "conditions.locations.excludeLocations[]"],
    ]);
    expect(policies.directoryReferences.map((r) => r.kind)).toEqual(["groups", "groups", "users", "users"]);
    expect(policies.enforcement).toMatchObject({ property: "state", onValue: "enabled", safeValue: "enabledForReportingButNotEnforced" });
    expect(allContracts.filter((c) => c.enforcement).map((c) => c.key)).toEqual(["conditionalAccessPolicies"]);
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
    const admx = contractFor("groupPolicyConfigurations");
    expect(subCollectionPathOf(admx, "g1", "definitionValues", { itemId: "d/1", key: "presentationValues" })).toBe(
      "/beta/deviceManagement/groupPolicyConfigurations/g1/definitionValues/d%2F1/presentationValues",
    );
    expect(() => subCollectionPathOf(admx, "g1", "settings")).toThrow(/no sub-collection/);
    expect(contractFor("deviceHealthScripts").assignBodyKey).toBe("deviceHealthScriptAssignments");
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
