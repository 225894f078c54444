// restorePayload and remapReferences on hand-made capture documents: what is stripped, how ids are
// remapped, what is reported (never guessed) and which follow-up writes each type needs.

import { describe, expect, it } from "vitest";
import { NO_NOTIFICATION_TEMPLATE_ID } from "../contract-definitions.ts";
import { contentHash } from "../normalize/canonical-json.ts";
import { normalizePayload } from "../normalize/normalize-payload.ts";
import { remapReferences } from "./reference-remap.ts";
import { RestorePayloadError, restorePayload } from "./restore-payload.ts";
import type { IdMap } from "./restore-types.ts";

const MAP: Record<string, string> = {
  "roleScopeTags|7": "2",
  "assignmentFilters|f-src": "f-dst",
  "notificationMessageTemplates|t-src": "t-dst",
  "groups|g-src": "g-dst",
};
const idMap: IdMap = (kind, id) => MAP[`${kind}|${id}`];
const target = (groupId: string | null, filterId: string | null = null, type = "groupAssignmentTarget") => ({
  "@odata.type": `#microsoft.graph.${type}`,
  ...(groupId ? { groupId } : {}),
  deviceAndAppManagementAssignmentFilterId: filterId,
  deviceAndAppManagementAssignmentFilterType: filterId ? "include" : "none",
});
const assignment = (id: string, t: object, extra: object = {}) => ({ id, source: "direct", sourceId: "p1", ...extra, target: t });

const profile = {
  "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#deviceManagement/deviceConfigurations/$entity",
  "@odata.type": "#microsoft.graph.windows10GeneralConfiguration",
  id: "p1",
  createdDateTime: "2024-01-01T00:00:00Z",
  lastModifiedDateTime: "2024-02-01T00:00:00Z",
  version: 4,
  displayName: "Win - Restrictions",
  supportsScopeTags: true,
  roleScopeTagIds: ["0", "7", "9"],
  "description@odata.type": "#String",
  omaSettings: [{ "@odata.type": "#microsoft.graph.omaSettingInteger", id: "nested", omaUri: "./x", value: 1 }],
  assignments: [
    assignment("a1", target("g-src", "f-src"), { intent: "apply" }),
    assignment("a2", target("g-missing", "f-missing")),
    assignment("a3", target(null, null, "allDevicesAssignmentTarget")),
  ],
};

describe("restorePayload: the body", () => {
  it("strips server-owned properties at any depth and keeps @odata.type", () => {
    const { body } = restorePayload("deviceConfigurations", profile, { idMap });
    expect(body).toEqual({
      "@odata.type": "#microsoft.graph.windows10GeneralConfiguration",
      displayName: "Win - Restrictions",
      roleScopeTagIds: ["0", "2"],
      omaSettings: [{ "@odata.type": "#microsoft.graph.omaSettingInteger", omaUri: "./x", value: 1 }],
    });
  });

  it("remaps assignments, leaves out the ones it cannot map and reports every unmapped reference once", () => {
    const payload = restorePayload("deviceConfigurations", profile, {
      idMap,
      describe: (kind, id) => (kind === "groups" ? `Group ${id}` : undefined),
    });
    expect(payload.assignments).toEqual([
      { intent: "apply", target: target("g-dst", "f-dst") },
      { target: target(null, null, "allDevicesAssignmentTarget") },
    ]);
    expect(payload.unmapped).toEqual([
      { kind: "roleScopeTags", sourceId: "9", path: "roleScopeTagIds[2]" },
      { kind: "assignmentFilters", sourceId: "f-missing", path: "assignments[1].target.deviceAndAppManagementAssignmentFilterId" },
      { kind: "groups", sourceId: "g-missing", displayName: "Group g-missing", path: "assignments[1].target.groupId" },
    ]);
    // What the target should read back as: the remapped document without the left-out elements.
    expect(payload.expectedDocument.roleScopeTagIds).toEqual(["0", "2"]);
    expect((payload.expectedDocument.assignments as unknown[]).length).toBe(2);
  });

  it("with the identity map the expected document hashes like the source", () => {
    const { expectedDocument, unmapped } = restorePayload("deviceConfigurations", profile, { idMap: (_kind, id) => id });
    expect(unmapped).toEqual([]);
    expect(contentHash(normalizePayload("deviceConfigurations", expectedDocument))).toBe(
      contentHash(normalizePayload("deviceConfigurations", profile)),
    );
  });

  it("does not change its input", () => {
    const copy = JSON.parse(JSON.stringify(profile));
    restorePayload("deviceConfigurations", profile, { idMap });
    expect(profile).toEqual(copy);
  });

  it("drops read-only properties of the type (scope tags' isBuiltIn, filters' tags remapped)", () => {
    expect(restorePayload("roleScopeTags", { id: "7", displayName: "Lab", description: "", isBuiltIn: false }, { idMap }).body).toEqual({
      displayName: "Lab",
      description: "",
    });
    const filter = {
      id: "f-src",
      displayName: "Win",
      rule: "(device.x -eq 1)",
      platform: "windows10AndLater",
      roleScopeTags: ["7", "8"],
      payloads: [],
    };
    const payload = restorePayload("assignmentFilters", filter, { idMap });
    expect(payload.body).toMatchObject({ roleScopeTags: ["2"], rule: "(device.x -eq 1)" });
    expect(payload.assignments).toEqual([]);
    expect(payload.unmapped).toEqual([{ kind: "roleScopeTags", sourceId: "8", path: "roleScopeTags[1]" }]);
  });

  it("refuses preview-only types", () => {
    expect(() => restorePayload("intents", { displayName: "x" }, { idMap })).toThrow(RestorePayloadError);
  });
});

describe("restorePayload: per-type Graph shapes", () => {
  const action = (actionType: string, templateId = NO_NOTIFICATION_TEMPLATE_ID) => ({
    "@odata.type": "#microsoft.graph.deviceComplianceActionItem",
    id: `act-${actionType}`,
    actionType,
    gracePeriodHours: 0,
    notificationTemplateId: templateId,
    notificationMessageCCList: [],
  });
  const compliance = {
    "@odata.type": "#microsoft.graph.windows10CompliancePolicy",
    id: "c1",
    displayName: "Compliance",
    roleScopeTagIds: ["0"],
    scheduledActionsForRule: [
      {
        id: "r1",
        ruleName: "PasswordRequired",
        scheduledActionConfigurations: [action("block"), action("notification", "t-src"), action("notification", "t-gone")],
      },
    ],
    assignments: [],
  };

  it("compliance: actions inline on create (templates remapped, an unmapped one left out), scheduleActionsForRules on update", () => {
    const create = restorePayload("deviceCompliancePolicies", compliance, { idMap });
    const rules = create.body.scheduledActionsForRule as Array<{
      id?: string;
      scheduledActionConfigurations: Array<Record<string, unknown>>;
    }>;
    expect(rules[0]?.id).toBeUndefined();
    expect(rules[0]?.scheduledActionConfigurations.map((a) => [a.actionType, a.notificationTemplateId, a.id])).toEqual([
      ["block", NO_NOTIFICATION_TEMPLATE_ID, undefined],
      ["notification", "t-dst", undefined],
    ]);
    expect(create.unmapped).toEqual([expect.objectContaining({ kind: "notificationMessageTemplates", sourceId: "t-gone" })]);
    expect(create.subResourceWrites).toEqual([]);

    const update = restorePayload("deviceCompliancePolicies", compliance, { idMap, mode: "update" });
    expect(update.body).not.toHaveProperty("scheduledActionsForRule");
    expect(update.subResourceWrites).toEqual([{ kind: "scheduledActions", rules }]);
    const { scheduledActionsForRule: _rules, ...withoutActions } = compliance;
    expect(() => restorePayload("deviceCompliancePolicies", withoutActions, { idMap })).toThrow(/scheduled actions/);
  });

  it("settings catalog: settings inline without ids or settingCount, the same body for create and PUT", () => {
    const policy = {
      id: "s1",
      name: "SC",
      settingCount: 1,
      roleScopeTagIds: ["0"],
      settings: [{ id: "0", settingInstance: { settingDefinitionId: "d" } }],
    };
    const create = restorePayload("configurationPolicies", policy, { idMap });
    expect(create.body).toEqual({ name: "SC", roleScopeTagIds: ["0"], settings: [{ settingInstance: { settingDefinitionId: "d" } }] });
    expect(restorePayload("configurationPolicies", policy, { idMap, mode: "update" }).body).toEqual(create.body);
  });

  it("ADMX: definition values become an updateDefinitionValues write bound to the global catalog", () => {
    const value = {
      "@odata.type": "#microsoft.graph.groupPolicyDefinitionValue",
      id: "dv1",
      enabled: true,
      configurationType: "policy",
      definition: { id: "def-1", displayName: "Home page" },
      presentationValues: [
        { "@odata.type": "#microsoft.graph.groupPolicyPresentationValueText", id: "pv1", value: "x", presentation: { id: "pres-1" } },
      ],
    };
    const admx = { id: "g1", displayName: "ADMX", roleScopeTagIds: ["0"], definitionValues: [value], assignments: [] };
    const bind = "https://graph.microsoft.com/beta/deviceManagement/groupPolicyDefinitions('def-1')";
    const create = restorePayload("groupPolicyConfigurations", admx, { idMap });
    expect(create.body).toEqual({ displayName: "ADMX", roleScopeTagIds: ["0"] });
    expect(create.subResourceWrites).toEqual([
      {
        kind: "definitionValues",
        replaceExisting: false,
        values: [
          {
            "@odata.type": "#microsoft.graph.groupPolicyDefinitionValue",
            enabled: true,
            configurationType: "policy",
            "definition@odata.bind": bind,
            presentationValues: [
              {
                "@odata.type": "#microsoft.graph.groupPolicyPresentationValueText",
                value: "x",
                "presentation@odata.bind": `${bind}/presentations('pres-1')`,
              },
            ],
          },
        ],
      },
    ]);
    expect(restorePayload("groupPolicyConfigurations", { ...admx, definitionValues: [] }, { idMap }).subResourceWrites).toEqual([]);
    expect(
      restorePayload("groupPolicyConfigurations", { ...admx, definitionValues: [] }, { idMap, mode: "update" }).subResourceWrites,
    ).toEqual([{ kind: "definitionValues", values: [], replaceExisting: true }]);
    const noDefinition = { ...admx, definitionValues: [{ ...value, definition: undefined }] };
    expect(() => restorePayload("groupPolicyConfigurations", noDefinition, { idMap })).toThrow(/definition/);
  });

  it("notification templates: localized messages are written one by one", () => {
    const template = {
      id: "t-src",
      displayName: "Template",
      roleScopeTagIds: ["0"],
      localizedNotificationMessages: [
        { id: "m1", lastModifiedDateTime: "x", locale: "en-us", subject: "s", messageTemplate: "m", isDefault: true },
      ],
    };
    const payload = restorePayload("notificationMessageTemplates", template, { idMap, mode: "update" });
    expect(payload.body).toEqual({ displayName: "Template", roleScopeTagIds: ["0"] });
    expect(payload.subResourceWrites).toEqual([
      {
        kind: "localizedNotificationMessages",
        replaceExisting: true,
        messages: [{ locale: "en-us", subject: "s", messageTemplate: "m", isDefault: true }],
      },
    ]);
  });

  it("scripts keep their content and lose the service's read-only flags; assignment extras survive", () => {
    const script = {
      id: "h1",
      displayName: "Remediation",
      version: "3",
      isGlobalScript: false,
      highestAvailableVersion: null,
      detectionScriptContent: "ZXhpdCAw",
      assignments: [assignment("a1", target("g-src"), { runRemediationScript: true, runSchedule: { interval: 1 } })],
    };
    const payload = restorePayload("deviceHealthScripts", script, { idMap });
    expect(payload.body).toEqual({ displayName: "Remediation", detectionScriptContent: "ZXhpdCAw" });
    expect(payload.assignments).toEqual([{ runRemediationScript: true, runSchedule: { interval: 1 }, target: target("g-dst") }]);
  });
});

describe("restorePayload: mobile apps", () => {
  const app = {
    "@odata.type": "#microsoft.graph.webApp",
    id: "app-1",
    displayName: "Intranet",
    appUrl: "https://intranet.contoso.com",
    isAssigned: true,
    publishingState: "published",
    uploadState: 1,
    roleScopeTagIds: ["7"],
    assignments: [assignment("x1", target("g-src", "f-src"), { intent: "required", settings: null })],
  };

  it("a store app or link: metadata without the service's state, assignments with intent and remapped targets", () => {
    const payload = restorePayload("mobileApps", app, { idMap, mode: "create" });
    expect(payload.body).toEqual({
      "@odata.type": "#microsoft.graph.webApp",
      displayName: "Intranet",
      appUrl: "https://intranet.contoso.com",
      roleScopeTagIds: ["2"],
    });
    expect(payload.assignments).toEqual([{ intent: "required", settings: null, target: target("g-dst", "f-dst") }]);
    // A web link's address is fixed once created: an update does not send it.
    expect(restorePayload("mobileApps", app, { idMap, mode: "update" }).body).not.toHaveProperty("appUrl");
  });

  it("refuses a line-of-business app (its package is not in the capture) and Microsoft's global apps", () => {
    const lob = { ...app, "@odata.type": "#microsoft.graph.win32LobApp", fileName: "setup.intunewin" };
    expect(() => restorePayload("mobileApps", lob, { idMap })).toThrow(RestorePayloadError);
    const global = { ...app, "@odata.type": "#microsoft.graph.managedIOSStoreApp", appAvailability: "global" };
    expect(() => restorePayload("mobileApps", global, { idMap })).toThrow(/built in/);
  });

  it("an app configuration names the target's copy of its app", () => {
    const config = {
      "@odata.type": "#microsoft.graph.iosMobileAppConfiguration",
      displayName: "Outlook",
      targetedMobileApps: ["app-src"],
      assignments: [],
    };
    const mapped = restorePayload("mobileAppConfigurations", config, {
      idMap: (kind, id) => (kind === "mobileApps" ? `${id}-dst` : idMap(kind, id)),
    });
    expect(mapped.body.targetedMobileApps).toEqual(["app-src-dst"]);
    const unmapped = restorePayload("mobileAppConfigurations", config, { idMap });
    expect(unmapped.unmapped).toEqual([expect.objectContaining({ kind: "mobileApps", sourceId: "app-src" })]);
  });
});

describe("remapReferences", () => {
  it("keeps Graph's Default scope tag and the no-template id without a mapping", () => {
    const { document, unmapped } = remapReferences(
      "deviceCompliancePolicies",
      {
        roleScopeTagIds: ["0"],
        scheduledActionsForRule: [
          { scheduledActionConfigurations: [{ actionType: "block", notificationTemplateId: NO_NOTIFICATION_TEMPLATE_ID }] },
        ],
      },
      { idMap: () => undefined },
    );
    expect(unmapped).toEqual([]);
    expect(document.roleScopeTagIds).toEqual(["0"]);
  });
});
