// Normalization and hashing on the simulator's seed documents (plain data, no server): a seed object
// has exactly the shape of a capture document (sub-resources nested, assignments merged in).

import { demoTenant, FABRIKAM_BASELINE_POLICY_NAME, type SeedObject } from "@atlas/graph-sim";
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { foundationReferences } from "../foundation-references.ts";
import { canonicalJson, contentHash } from "./canonical-json.ts";
import { normalizeCapture, normalizePayload } from "./normalize-payload.ts";

// biome-ignore lint/suspicious/noExplicitAny: assertions walk Graph documents of many shapes
type Doc = Record<string, any>;
const fabrikam = demoTenant("Fabrikam");
const copy = <T>(value: T): T => structuredClone(value);
const baseline = () => copy(fabrikam.objects.configurationPolicies?.find((p) => p.name === FABRIKAM_BASELINE_POLICY_NAME) as Doc);
const firstOf = (type: string, predicate: (o: SeedObject) => boolean = () => true) => copy(fabrikam.objects[type]?.find(predicate) as Doc);

/** Everything a second capture of the same, unchanged object may differ in. */
function withNoise(document: Doc): Doc {
  const noisy = copy(document);
  noisy.id = "another-id-after-recreate";
  noisy.createdDateTime = "2030-01-01T00:00:00Z";
  noisy.lastModifiedDateTime = "2030-01-02T00:00:00Z";
  noisy["@odata.context"] = "https://graph.microsoft.com/beta/$metadata#deviceManagement/configurationPolicies/$entity";
  if ("settingCount" in noisy) noisy.settingCount = 999;
  if (Array.isArray(noisy.settings)) {
    // Graph numbers settings by position: a reordered answer also carries different ids.
    noisy.settings = [...noisy.settings].reverse().map((setting: Doc, index: number) => ({ ...setting, id: String(index) }));
  }
  noisy.roleScopeTagIds = [...(noisy.roleScopeTagIds ?? [])].reverse();
  noisy.assignments = [...(noisy.assignments ?? [])]
    .reverse()
    .map((assignment: Doc) => ({ ...assignment, id: `x_${assignment.id}`, sourceId: "x", "target@odata.navigationLink": "noise" }));
  return noisy;
}

describe("normalizePayload", () => {
  it("hashes two captures of the same object equal when they differ only in noise", () => {
    const policy = baseline();
    policy.roleScopeTagIds = ["0", "3"];
    policy.assignments = [
      {
        id: "a1",
        source: "direct",
        sourceId: policy.id,
        target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: "g1" },
      },
      { id: "a2", source: "direct", sourceId: policy.id, target: { "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget" } },
    ];
    const first = normalizePayload("configurationPolicies", policy);
    const second = normalizePayload("configurationPolicies", withNoise(policy));
    expect(second).toEqual(first);
    expect(contentHash(second)).toBe(contentHash(first));
    expect(contentHash(first)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("changes the hash when one setting changes", () => {
    const policy = baseline();
    const changed = copy(policy);
    const setting = changed.settings.find((s: Doc) => s.settingInstance.simpleSettingValue?.value !== undefined);
    setting.settingInstance.simpleSettingValue.value = `${setting.settingInstance.simpleSettingValue.value}-changed`;
    expect(contentHash(normalizePayload("configurationPolicies", changed))).not.toBe(
      contentHash(normalizePayload("configurationPolicies", policy)),
    );
  });

  it("normalizes the 320-setting policy deterministically", () => {
    const policy = baseline();
    const normalized = normalizePayload("configurationPolicies", policy);
    const settings = normalized.settings as Doc[];
    expect(settings).toHaveLength(320);
    const definitionIds = settings.map((s) => s.settingInstance.settingDefinitionId as string);
    expect(definitionIds).toEqual([...definitionIds].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(new Set(definitionIds).size).toBe(320);
    const text = canonicalJson(normalized);
    expect(text).not.toMatch(/"(id|createdDateTime|lastModifiedDateTime|settingCount)":/);
    expect(text).toContain('"@odata.type":"#microsoft.graph.deviceManagementConfigurationPolicy"');
    // Same text from a shuffled copy and on a second run; the input is left untouched.
    const shuffled = copy(policy);
    shuffled.settings = [...shuffled.settings].reverse();
    expect(canonicalJson(normalizePayload("configurationPolicies", shuffled))).toBe(text);
    expect(canonicalJson(normalizePayload("configurationPolicies", policy))).toBe(text);
    expect(policy).toEqual(baseline());
  });

  it("keeps ADMX definition and presentation ids (they name WHAT is configured) and drops catalog texts", () => {
    const admx = firstOf("groupPolicyConfigurations", (o) => (o.definitionValues as unknown[]).length > 10);
    const normalized = normalizePayload("groupPolicyConfigurations", admx);
    const values = normalized.definitionValues as Doc[];
    expect(values.map((v) => v.definition.id)).toEqual(admx.definitionValues.map((v: Doc) => v.definition.id).sort());
    expect(values.every((v) => v.id === undefined && v.definition.explainText === undefined)).toBe(true);
    expect(Object.keys(values[0]?.definition ?? {}).sort()).toEqual(["categoryPath", "classType", "displayName", "id"]);
    const withPresentation = values.find((v) => v.presentationValues.length > 0);
    expect(withPresentation?.presentationValues[0]).toMatchObject({ presentation: { id: expect.any(String), label: expect.any(String) } });
    expect(withPresentation?.presentationValues[0].id).toBeUndefined();

    const reordered = copy(admx);
    reordered.definitionValues.reverse();
    for (const value of reordered.definitionValues) value.presentationValues.reverse();
    expect(contentHash(normalizePayload("groupPolicyConfigurations", reordered))).toBe(contentHash(normalized));
    reordered.definitionValues[0].enabled = !reordered.definitionValues[0].enabled;
    expect(contentHash(normalizePayload("groupPolicyConfigurations", reordered))).not.toBe(contentHash(normalized));
  });

  it("sorts compliance actions and keeps the notification template reference", () => {
    const policy = firstOf(
      "deviceCompliancePolicies",
      (o) => ((o.scheduledActionsForRule as Doc[])[0]?.scheduledActionConfigurations.length ?? 0) > 1,
    );
    const normalized = normalizePayload("deviceCompliancePolicies", policy);
    const reordered = copy(policy);
    reordered.scheduledActionsForRule[0].scheduledActionConfigurations.reverse();
    expect(normalizePayload("deviceCompliancePolicies", reordered)).toEqual(normalized);
    const actions = (normalized.scheduledActionsForRule as Doc[])[0]?.scheduledActionConfigurations as Doc[];
    expect(actions.map((a) => a.actionType)).toEqual([...actions.map((a) => a.actionType)].sort());
    expect(actions.every((a) => typeof a.notificationTemplateId === "string" && a.id === undefined)).toBe(true);
  });

  it("normalizeCapture merges the assignments only for assignable types", () => {
    const tag = firstOf("roleScopeTags");
    expect(normalizeCapture("roleScopeTags", { raw: tag, assignments: [] })).not.toHaveProperty("assignments");
    const script = firstOf("deviceManagementScripts");
    const { assignments, ...raw } = script;
    expect(normalizeCapture("deviceManagementScripts", { raw, assignments })).toEqual(normalizePayload("deviceManagementScripts", script));
  });
});

describe("canonicalJson and contentHash", () => {
  it("sorts keys at every depth and hashes the canonical text with sha256", () => {
    const value = { b: 1, a: [{ d: true, c: null }], "@odata.type": "#x" };
    expect(canonicalJson(value)).toBe('{"@odata.type":"#x","a":[{"c":null,"d":true}],"b":1}');
    const expected = createHash("sha256").update('{"@odata.type":"#x","a":[{"c":null,"d":true}],"b":1}').digest("hex");
    expect(contentHash(value as never)).toBe(expected);
  });
});

describe("foundationReferences", () => {
  it("reads scope tags, filters and notification templates through the contract's paths", () => {
    const policy = firstOf("deviceCompliancePolicies", (o) =>
      (o.scheduledActionsForRule as Doc[])[0]?.scheduledActionConfigurations.some((a: Doc) => a.actionType === "notification"),
    );
    policy.roleScopeTagIds = ["0", "2", "0"];
    policy.assignments = [
      { target: { deviceAndAppManagementAssignmentFilterId: "f1" } },
      { target: { deviceAndAppManagementAssignmentFilterId: null } },
    ];
    const references = foundationReferences("deviceCompliancePolicies", policy);
    const templateIds = fabrikam.objects.notificationMessageTemplates?.map((t) => t.id) ?? [];
    expect(references.find((r) => r.foundation === "roleScopeTags")?.ids).toEqual(["0", "2"]);
    expect(references.find((r) => r.foundation === "assignmentFilters")?.ids).toEqual(["f1"]);
    const templates = references.find((r) => r.foundation === "notificationMessageTemplates")?.ids ?? [];
    expect(templates).toHaveLength(1);
    expect(templateIds).toContain(templates[0]);
  });
});
