// Reusable policy settings (beta, deviceManagementReusablePolicySetting): a group of values kept once
// and used by several settings catalog policies, e.g. the address ranges a Defender Firewall rule
// allows. A policy's setting names one through a reference setting value whose `value` is the
// reusable setting's id, so the reusable setting is a foundation: it must exist in the same tenant
// before a policy can point at it. Which policies use it (`referencingConfigurationPolicies`) and how
// many (`referencingConfigurationPolicyCount`) is the service's, computed whenever it is served.

import type {
  DeviceManagementConfigurationGroupSettingCollectionInstance,
  DeviceManagementConfigurationReferenceSettingValue,
  DeviceManagementConfigurationSettingInstance,
  DeviceManagementConfigurationSimpleSettingCollectionInstance,
  DeviceManagementConfigurationSimpleSettingInstance,
  DeviceManagementConfigurationStringSettingValue,
  DeviceManagementReusablePolicySetting,
} from "@microsoft/microsoft-graph-types-beta";
import type { TenantStore } from "../tenant-store.ts";
import type { SeedObject } from "../types.ts";
import type { ObjectTypeDefinition, SeedContext, SeedEntity } from "./definition.ts";

export const REFERENCE_SETTING_VALUE = "#microsoft.graph.deviceManagementConfigurationReferenceSettingValue";
const STRING_VALUE = "#microsoft.graph.deviceManagementConfigurationStringSettingValue";
const KEYWORDS = "vendor_msft_firewall_mdmstore_dynamickeywords_addresses_{id}";
const RULES = "vendor_msft_firewall_mdmstore_firewallrules_{firewallrulename}";

/** Graph's setting types name their derived type in the payload; the generated types leave it out. */
type Typed<T> = T & { "@odata.type": string };

const ADDRESS_SETS = [
  { topic: "Branch office ranges", keyword: "branch-offices", addresses: ["10.20.0.0/16", "10.21.0.0/16"] },
  { topic: "Jump hosts", keyword: "jump-hosts", addresses: ["10.0.5.10", "10.0.5.11"] },
  { topic: "Backup servers", keyword: "backup-servers", addresses: ["10.0.8.0/24"] },
] as const;

function simple(settingDefinitionId: string, value: string): Typed<DeviceManagementConfigurationSimpleSettingInstance> {
  return {
    "@odata.type": "#microsoft.graph.deviceManagementConfigurationSimpleSettingInstance",
    settingDefinitionId,
    settingInstanceTemplateReference: null,
    simpleSettingValue: text(value),
  };
}

function collection(
  settingDefinitionId: string,
  values: DeviceManagementConfigurationStringSettingValue[],
): Typed<DeviceManagementConfigurationSimpleSettingCollectionInstance> {
  return {
    "@odata.type": "#microsoft.graph.deviceManagementConfigurationSimpleSettingCollectionInstance",
    settingDefinitionId,
    settingInstanceTemplateReference: null,
    simpleSettingCollectionValue: values,
  };
}

function text(value: string): Typed<DeviceManagementConfigurationStringSettingValue> {
  return { "@odata.type": STRING_VALUE, settingValueTemplateReference: null, value };
}

function groupCollection(
  settingDefinitionId: string,
  groups: DeviceManagementConfigurationSettingInstance[][],
): Typed<DeviceManagementConfigurationGroupSettingCollectionInstance> {
  return {
    "@odata.type": "#microsoft.graph.deviceManagementConfigurationGroupSettingCollectionInstance",
    settingDefinitionId,
    settingInstanceTemplateReference: null,
    groupSettingCollectionValue: groups.map((children) => ({ settingValueTemplateReference: null, children })),
  };
}

export const reusablePolicySettings: ObjectTypeDefinition = {
  key: "reusablePolicySettings",
  collectionPath: "deviceManagement/reusablePolicySettings",
  entityODataType: "#microsoft.graph.deviceManagementReusablePolicySetting",
  polymorphic: false,
  nameProperty: "displayName",
  foundation: true,
  defaultPageSize: 50,
  maxPageSize: 100,
  // An integer Graph raises with every change.
  versioned: true,
  assignable: false,
  serverManaged: { referencingConfigurationPolicyCount: 0 },
  // A navigation the service fills from the policies: what a client sends there is dropped.
  writeOnlyProperties: ["referencingConfigurationPolicies"],
  servedProperties(store, stored) {
    const referencing = store
      .list("configurationPolicies")
      .filter((policy) => referencedReusableIds(policy.settings ?? []).includes(stored.body.id));
    return { referencingConfigurationPolicyCount: referencing.length };
  },
  validateCreate(body) {
    if (typeof body.settingDefinitionId !== "string" || body.settingDefinitionId === "")
      return "Property 'settingDefinitionId' is required.";
    const instance = body.settingInstance as { settingDefinitionId?: unknown } | null | undefined;
    if (typeof instance !== "object" || instance === null) return "Property 'settingInstance' is required.";
    if (instance.settingDefinitionId !== body.settingDefinitionId)
      return "The setting instance must be of the reusable setting's definition.";
    return undefined;
  },
  seed(context, count) {
    const settings: SeedObject[] = [];
    for (let index = 0; index < count; index++) {
      const set = ADDRESS_SETS[index % ADDRESS_SETS.length] as (typeof ADDRESS_SETS)[number];
      const round = index >= ADDRESS_SETS.length ? ` ${Math.floor(index / ADDRESS_SETS.length) + 1}` : "";
      const displayName = `${context.tenantName} - Firewall addresses - ${set.topic}${round}`;
      const id = context.guid("reusablePolicySettings", displayName);
      const entity: SeedEntity<DeviceManagementReusablePolicySetting> = {
        id,
        displayName,
        description: `Addresses of the ${set.topic.toLowerCase()}, used by firewall rules`,
        settingDefinitionId: KEYWORDS,
        ...context.timestamps(),
        version: context.random.int(1, 4),
        referencingConfigurationPolicyCount: 0,
        settingInstance: groupCollection(KEYWORDS, [
          [
            simple(`${KEYWORDS}_id`, context.guid("dynamic-keyword", displayName)),
            simple(`${KEYWORDS}_keyword`, `${set.keyword}${round.trim()}`),
            collection(`${KEYWORDS}_addresses`, set.addresses.map(text)),
          ],
        ]),
      };
      settings.push({ "@odata.type": "#microsoft.graph.deviceManagementReusablePolicySetting", ...entity });
    }
    return settings;
  },
};

/** Every reusable setting id a settings catalog policy's settings name (reference setting values at any depth). */
export function referencedReusableIds(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(referencedReusableIds);
  if (typeof node !== "object" || node === null) return [];
  const record = node as Record<string, unknown>;
  const own = record["@odata.type"] === REFERENCE_SETTING_VALUE && typeof record.value === "string" ? [record.value] : [];
  return [...own, ...Object.values(record).flatMap(referencedReusableIds)];
}

/** A settings catalog body may only name reusable settings of this tenant. */
export function reusableSettingReferenceProblem(store: TenantStore, settings: unknown): string | undefined {
  const unknown = referencedReusableIds(settings).find((id) => !store.find("reusablePolicySettings", id));
  return unknown === undefined ? undefined : `Reusable policy setting '${unknown}' was not found in this tenant.`;
}

/**
 * A Defender Firewall rules policy whose rules allow the tenant's reusable address sets (demo extras):
 * each rule's remote addresses are a reference to a reusable setting, its ports plain strings at the same path.
 */
export function firewallRulesPolicy(context: SeedContext): SeedObject[] {
  const reusable = context.seeded.reusablePolicySettings ?? [];
  if (reusable.length === 0) return [];
  const name = `${context.tenantName} - Firewall rules - Management access`;
  const id = context.guid("configurationPolicies", name);
  const rules = reusable.map((setting, index) => {
    const reference: Typed<DeviceManagementConfigurationReferenceSettingValue> = {
      "@odata.type": REFERENCE_SETTING_VALUE,
      value: setting.id,
      note: null,
    };
    return [
      simple(`${RULES}_name`, `Allow management from ${String(setting.displayName).split(" - ").at(-1)}`),
      collection(`${RULES}_localportranges`, [text(index % 2 === 0 ? "3389" : "5985-5986")]),
      collection(`${RULES}_remoteaddressdynamickeywords`, [reference]),
    ];
  });
  const settings = [{ id: "0", settingInstance: groupCollection(RULES, rules) }];
  return [
    {
      "@odata.type": "#microsoft.graph.deviceManagementConfigurationPolicy",
      ...context.timestamps(),
      id,
      name,
      description: "Management ports open only to the reusable address sets",
      platforms: "windows10",
      technologies: "mdm,microsoftSense",
      creationSource: null,
      priorityMetaData: null,
      roleScopeTagIds: ["0"],
      settingCount: settings.length,
      templateReference: { templateId: "", templateFamily: "none", templateDisplayName: null, templateDisplayVersion: null },
      settings,
      assignments: context.assignmentsFor(id),
    },
  ];
}
