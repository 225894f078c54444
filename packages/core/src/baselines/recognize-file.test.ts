import { describe, expect, it } from "vitest";
import { itemsFromFiles } from "./baseline-items.ts";
import { collectionOfContext, recognizeFile } from "./recognize-file.ts";

const CONTEXT = "https://graph.microsoft.com/beta/$metadata#deviceManagement";

const settingsCatalog = {
  "@odata.context": `${CONTEXT}/configurationPolicies(assignments(),settings())/$entity`,
  "@odata.type": "#microsoft.graph.deviceManagementConfigurationPolicy",
  "@odata.editLink": "deviceManagement/configurationPolicies('p1')",
  id: "p1",
  name: "Defender AV",
  settingCount: 1,
  "settings@odata.context": "ignored",
  settings: [
    {
      id: "0",
      settingInstance: {
        "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance",
        settingDefinitionId: "device_vendor_msft_policy_config_defender_allowarchivescanning",
        choiceSettingValue: { value: "device_vendor_msft_policy_config_defender_allowarchivescanning_1", children: [] },
      },
    },
  ],
  assignments: [],
  "#microsoft.graph.assign": { title: "assign", target: "https://graph.microsoft.com/beta/..." },
};

function utf16le(text: string, bom: boolean): Uint8Array {
  const body = Buffer.from(text, "utf16le");
  return bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : body;
}
const utf8 = (text: string, bom: boolean) =>
  bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]) : Buffer.from(text);

describe("recognizing imported baseline files", () => {
  it("reads the same object from UTF-16 LE and UTF-8, with and without a byte order mark, to the same payload", () => {
    const text = JSON.stringify(settingsCatalog);
    const files = [utf16le(text, true), utf16le(text, false), utf8(text, true), utf8(text, false)].map((bytes, index) => ({
      name: `policy-${index}.json`,
      bytes,
    }));
    const hashes = files.map((file) => itemsFromFiles([file]).items[0]?.contentHash);
    expect(hashes[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(hashes).size).toBe(1);
    const [item] = itemsFromFiles([files[0]!]).items;
    expect(item).toMatchObject({ objectType: "configurationPolicies", displayName: "Defender AV", source: { format: "intuneManagement" } });
    // Transport metadata and server-owned values are gone; the subtype (@odata.type) and the settings are kept.
    expect(Object.keys(item!.normalizedPayload).filter((key) => key.includes("@odata.") || key.startsWith("#"))).toEqual(["@odata.type"]);
    expect(item!.normalizedPayload).not.toHaveProperty("settingCount");
    expect(JSON.stringify(item!.normalizedPayload)).toContain("allowarchivescanning_1");
  });

  it("names the collection of a context, whatever $expand it echoes", () => {
    expect(
      collectionOfContext(
        `${CONTEXT}/deviceCompliancePolicies(assignments(),scheduledActionsForRule(scheduledActionConfigurations()))/$entity`,
      ),
    ).toBe("deviceManagement/deviceCompliancePolicies");
    expect(collectionOfContext(`${CONTEXT}/deviceConfigurations`)).toBe("deviceManagement/deviceConfigurations");
  });

  it("lists a type the product cannot back up, with its collection, instead of guessing", () => {
    const eBook = {
      "@odata.context": "https://graph.microsoft.com/beta/$metadata#deviceAppManagement/managedEBooks(assignments())/$entity",
      "@odata.type": "#microsoft.graph.iosVppEBook",
      displayName: "Employee handbook",
    };
    expect(recognizeFile("ebook.json", utf8(JSON.stringify(eBook), false))).toEqual([
      expect.objectContaining({ reason: "UNSUPPORTED_TYPE", message: expect.stringContaining("deviceAppManagement/managedEBooks") }),
    ]);
    // App configurations, macOS and compliance scripts, categories, terms and roles are backed up now.
    const app = {
      "@odata.context": "https://graph.microsoft.com/beta/$metadata#deviceAppManagement/mobileApps(assignments())/$entity",
      "@odata.type": "#microsoft.graph.win32LobApp",
      displayName: "7-Zip",
    };
    // Backed up, but not baseline material yet (kinds share names).
    expect(recognizeFile("app.json", utf8(JSON.stringify(app), false))).toEqual([
      expect.objectContaining({ reason: "UNSUPPORTED_TYPE", message: expect.stringContaining("not part of baselines yet") }),
    ]);
    const appConfiguration = {
      "@odata.context": "https://graph.microsoft.com/beta/$metadata#deviceAppManagement/mobileAppConfigurations(assignments())/$entity",
      "@odata.type": "#microsoft.graph.iosMobileAppConfiguration",
      displayName: "Outlook configuration",
    };
    expect(recognizeFile("app-config.json", utf8(JSON.stringify(appConfiguration), false))).toEqual([
      expect.objectContaining({ objectType: "mobileAppConfigurations", displayName: "Outlook configuration" }),
    ]);
    const byEntityType = [
      ["#microsoft.graph.deviceShellScript", "deviceShellScripts", { scriptContent: "ZWNobw==" }],
      ["#microsoft.graph.deviceCustomAttributeShellScript", "deviceCustomAttributeShellScripts", { scriptContent: "ZWNobw==" }],
      ["#microsoft.graph.deviceComplianceScript", "deviceComplianceScripts", { detectionScriptContent: "ZWNobw==" }],
      ["#microsoft.graph.deviceCategory", "deviceCategories", {}],
      ["#microsoft.graph.termsAndConditions", "termsAndConditions", {}],
      ["#microsoft.graph.deviceAndAppManagementRoleDefinition", "roleDefinitions", {}],
      [
        "#microsoft.graph.deviceAndAppManagementRoleAssignment",
        "roleAssignments",
        { members: [], roleDefinition: { id: "r", displayName: "Help Desk Operator" } },
      ],
      ["#microsoft.graph.deviceManagementReusablePolicySetting", "reusablePolicySettings", { settingDefinitionId: "x" }],
      ["#microsoft.graph.ipNamedLocation", "namedLocations", { ipRanges: [] }],
      ["#microsoft.graph.countryNamedLocation", "namedLocations", { countriesAndRegions: ["KP"] }],
      ["#microsoft.graph.conditionalAccessPolicy", "conditionalAccessPolicies", { state: "enabled" }],
    ] as const;
    for (const [odataType, objectType, content] of byEntityType) {
      const file = { "@odata.type": odataType, displayName: objectType, ...content };
      expect(recognizeFile(`${objectType}.json`, utf8(JSON.stringify(file), false)), objectType).toEqual([
        expect.objectContaining({ objectType, displayName: objectType }),
      ]);
    }
    // Driver update profiles and app protection policies are backed up now: recognized by context or entity type.
    const driver = {
      "@odata.context": `${CONTEXT}/windowsDriverUpdateProfiles(assignments())/$entity`,
      "@odata.type": "#microsoft.graph.windowsDriverUpdateProfile",
      displayName: "Drivers",
      approvalType: "automatic",
    };
    expect(recognizeFile("driver.json", utf8(JSON.stringify(driver), false))).toEqual([
      expect.objectContaining({ objectType: "windowsDriverUpdateProfiles", displayName: "Drivers" }),
    ]);
    const protection = { "@odata.type": "#microsoft.graph.iosManagedAppProtection", displayName: "iOS MAM", apps: [] };
    expect(recognizeFile("mam.json", utf8(JSON.stringify(protection), false))).toEqual([
      expect.objectContaining({ objectType: "iosManagedAppProtections", displayName: "iOS MAM" }),
    ]);
    // A subtype without a context does not say its collection.
    const subtype = { "@odata.type": "#microsoft.graph.windows10CompliancePolicy", displayName: "Compliance" };
    expect(recognizeFile("c.json", utf8(JSON.stringify(subtype), false))[0]).toMatchObject({ reason: "UNKNOWN_TYPE" });
  });

  it("recognizes the Intune portal's import JSON and each object of a Graph list answer", () => {
    const { "@odata.context": _context, "@odata.type": _type, "@odata.editLink": _link, ...portal } = settingsCatalog;
    expect(recognizeFile("portal.json", utf8(JSON.stringify(portal), true))[0]).toMatchObject({
      objectType: "configurationPolicies",
      format: "intunePortal",
      // As a Graph read of the same policy has it, so the two compare equal.
      raw: { "@odata.type": "#microsoft.graph.deviceManagementConfigurationPolicy" },
    });
    const list = {
      "@odata.context": `${CONTEXT}/deviceConfigurations`,
      value: [{ "@odata.type": "#microsoft.graph.windows10GeneralConfiguration", displayName: "General" }, 42],
    };
    expect(recognizeFile("list.json", utf8(JSON.stringify(list), false))).toEqual([
      expect.objectContaining({ fileName: "list.json#0", objectType: "deviceConfigurations", displayName: "General", format: "graph" }),
      expect.objectContaining({ fileName: "list.json#1", reason: "NOT_AN_OBJECT" }),
    ]);
  });

  it("refuses objects that are not whole, text that is not JSON, and a second file of the same object", () => {
    const partial = { ...settingsCatalog, settingCount: 3 };
    expect(recognizeFile("partial.json", utf8(JSON.stringify(partial), false))[0]).toMatchObject({
      reason: "INCOMPLETE",
      message: expect.stringContaining("1 of its 3 settings"),
    });
    const { scheduledActionsForRule: _actions, ...noActions } = {
      "@odata.context": `${CONTEXT}/deviceCompliancePolicies/$entity`,
      displayName: "Compliance",
      scheduledActionsForRule: [],
    };
    expect(recognizeFile("c.json", utf8(JSON.stringify(noActions), false))[0]).toMatchObject({ reason: "INCOMPLETE" });
    expect(recognizeFile("bad.json", utf8("{ not json", false))[0]).toMatchObject({ reason: "NOT_JSON" });
    expect(recognizeFile("bad16.json", Buffer.from([0xff, 0xfe, 0x00, 0xd8]))[0]).toMatchObject({ reason: "NOT_TEXT" });
    const text = JSON.stringify(settingsCatalog);
    const imported = itemsFromFiles([
      { name: "a.json", bytes: utf8(text, false) },
      { name: "b.json", bytes: utf16le(text, true) },
    ]);
    expect(imported.items).toHaveLength(1);
    expect(imported.notRecognized).toEqual([
      expect.objectContaining({ fileName: "b.json", reason: "DUPLICATE", message: expect.stringContaining("a.json") }),
    ]);
  });
});
