// Settings catalog policies (beta in Graph). Named by `name`, settings live in a paged `/settings`
// sub-collection (25 per page), PATCH changes only name/description/roleScopeTagIds and a PUT of
// the whole policy replaces the settings.

import type { SeedObject } from "../types.ts";
import { COMMON_VARIANTS, type ObjectTypeDefinition, type SeedContext, variantSuffix } from "./definition.ts";
import { buildSettings } from "./settings-catalog.ts";

const POLICY_TEMPLATES = [
  { platforms: "windows10", technologies: "mdm,microsoftSense", topic: "Defender Antivirus" },
  { platforms: "windows10", technologies: "mdm", topic: "BitLocker" },
  { platforms: "windows10", technologies: "mdm,microsoftSense", topic: "Firewall" },
  { platforms: "windows10", technologies: "mdm", topic: "Edge Browser" },
  { platforms: "windows10", technologies: "mdm", topic: "OneDrive Known Folder Move" },
  { platforms: "windows10", technologies: "mdm", topic: "Windows Hello for Business" },
  { platforms: "windows10", technologies: "mdm", topic: "Local Admin Password (LAPS)" },
  { platforms: "windows10", technologies: "mdm", topic: "Device Lock" },
  { platforms: "windows10", technologies: "mdm", topic: "Office Apps" },
  { platforms: "macOS", technologies: "mdm,appleRemoteManagement", topic: "FileVault" },
  { platforms: "macOS", technologies: "mdm,appleRemoteManagement", topic: "Login Window" },
  { platforms: "iOS", technologies: "mdm,appleRemoteManagement", topic: "Restrictions" },
] as const;

export interface SettingsCatalogPolicySpec {
  name: string;
  settingCount: number;
  platforms?: string;
  technologies?: string;
  description?: string;
}

/** One settings catalog policy with its settings and assignments; also used for hand-made demo policies. */
export function buildSettingsCatalogPolicy(context: SeedContext, spec: SettingsCatalogPolicySpec): SeedObject {
  const id = context.guid("configurationPolicies", spec.name);
  const { createdDateTime, lastModifiedDateTime } = context.timestamps();
  return {
    "@odata.type": "#microsoft.graph.deviceManagementConfigurationPolicy",
    createdDateTime,
    creationSource: null,
    description: spec.description ?? "",
    lastModifiedDateTime,
    name: spec.name,
    platforms: spec.platforms ?? "windows10",
    priorityMetaData: null,
    roleScopeTagIds: context.roleScopeTagIds(),
    settingCount: spec.settingCount,
    technologies: spec.technologies ?? "mdm",
    id,
    templateReference: { templateId: "", templateFamily: "none", templateDisplayName: null, templateDisplayVersion: null },
    settings: buildSettings(context.random, spec.settingCount, context.random.int(0, 40), spec.name),
    assignments: context.assignmentsFor(id),
  };
}

export const configurationPolicies: ObjectTypeDefinition = {
  key: "configurationPolicies",
  collectionPath: "deviceManagement/configurationPolicies",
  entityODataType: "#microsoft.graph.deviceManagementConfigurationPolicy",
  polymorphic: false,
  nameProperty: "name",
  foundation: false,
  defaultPageSize: 50,
  maxPageSize: 100,
  versioned: false,
  assignable: true,
  nameFilter: true,
  hasSettings: true,
  patchableProperties: ["name", "description", "roleScopeTagIds"],
  seed(context, count) {
    const policies: SeedObject[] = [];
    for (let index = 0; index < count; index++) {
      const template = POLICY_TEMPLATES[index % POLICY_TEMPLATES.length] as (typeof POLICY_TEMPLATES)[number];
      const suffix = variantSuffix(index, POLICY_TEMPLATES.length, COMMON_VARIANTS);
      policies.push(
        buildSettingsCatalogPolicy(context, {
          name: `${context.tenantName} - ${template.topic}${suffix}`,
          // Up to 40 so multi-page settings show up everywhere, but only hand-made policies reach 300+.
          settingCount: context.random.int(2, 40),
          platforms: template.platforms,
          technologies: template.technologies,
          description: context.random.chance(0.6) ? `${template.topic} settings` : "",
        }),
      );
    }
    return policies;
  },
};
