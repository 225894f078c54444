// Security baselines and other template-based endpoint security profiles ("intents", beta). The
// values live in the `/{id}/settings` sub-collection as setting instances (`definitionId` plus the
// value as `valueJson`), not in settings catalog form. Graph offers no way to recreate an intent
// with a chosen id and template version, so TenantAtlas restores them only as previews.

import type { SeededRandom } from "../deterministic.ts";
import type { SeedObject, SimObject } from "../types.ts";
import { COMMON_VARIANTS, type ObjectTypeDefinition, type SeedContext, variantSuffix } from "./definition.ts";

const TEMPLATES = [
  {
    templateId: "034ccd46-190c-4afc-adf1-ad7cc11262eb",
    topic: "Windows Security Baseline",
    family: "windows10EndpointProtectionConfiguration",
    size: [55, 80],
  },
  {
    templateId: "2209e067-9c8c-462e-9981-5a8c79165dcc",
    topic: "Defender for Endpoint Baseline",
    family: "windowsDefenderAdvancedThreatProtectionConfiguration",
    size: [30, 45],
  },
  { templateId: "c66347b7-8325-4954-a235-3bf2233dfbfd", topic: "Edge Baseline", family: "windows10GeneralConfiguration", size: [12, 20] },
] as const;

type SettingKind = "boolean" | "integer" | "string";

/**
 * Graph serves intent settings in server-driven pages; the size is undocumented. 25 here, so a
 * baseline always spans several pages.
 */
export const INTENT_SETTINGS_PAGE_SIZE = 25;

function settingInstance(context: SeedContext, intentId: string, family: string, index: number): SimObject {
  const kind = (["boolean", "boolean", "integer", "string"] as const)[index % 4] as SettingKind;
  const definitionId = `deviceConfiguration--${family}_baselineSetting${String(index).padStart(3, "0")}`;
  const value = settingValue(kind, context.random, context.tenantName);
  return {
    "@odata.type": `#microsoft.graph.deviceManagement${kind[0]?.toUpperCase()}${kind.slice(1)}SettingInstance`,
    id: context.guid("intentSettings", intentId, definitionId),
    definitionId,
    valueJson: JSON.stringify(value),
    value,
  };
}

function settingValue(kind: SettingKind, random: SeededRandom, tenantName: string): boolean | number | string {
  if (kind === "boolean") return random.chance(0.7);
  if (kind === "integer") return random.int(0, 90);
  return `${tenantName} baseline value`;
}

export const intents: ObjectTypeDefinition = {
  key: "intents",
  collectionPath: "deviceManagement/intents",
  entityODataType: "#microsoft.graph.deviceManagementIntent",
  polymorphic: false,
  nameProperty: "displayName",
  foundation: false,
  defaultPageSize: 50,
  maxPageSize: 100,
  versioned: false,
  assignable: true,
  nameFilter: true,
  subCollections: [{ name: "settings", pageSize: INTENT_SETTINGS_PAGE_SIZE }],
  seed(context, count) {
    const profiles: SeedObject[] = [];
    for (let index = 0; index < count; index++) {
      const template = TEMPLATES[index % TEMPLATES.length] as (typeof TEMPLATES)[number];
      const displayName = `${context.tenantName} - ${template.topic}${variantSuffix(index, TEMPLATES.length, COMMON_VARIANTS)}`;
      const id = context.guid("intents", displayName);
      const settingCount = context.random.int(template.size[0], template.size[1]);
      const assignments = context.assignmentsFor(id);
      profiles.push({
        "@odata.type": "#microsoft.graph.deviceManagementIntent",
        id,
        displayName,
        description: context.random.chance(0.5) ? `${template.topic} for ${context.tenantName}` : "",
        // Server-owned: derived from the assignments, not configured.
        isAssigned: assignments.length > 0,
        isMigratingToConfigurationPolicy: false,
        lastModifiedDateTime: context.timestamps().lastModifiedDateTime,
        templateId: template.templateId,
        roleScopeTagIds: context.roleScopeTagIds(),
        settings: Array.from({ length: settingCount }, (_, settingIndex) => settingInstance(context, id, template.family, settingIndex)),
        assignments,
      });
    }
    return profiles;
  },
};
