// A small catalog of ADMX-backed group policy definitions with their presentations (the input
// controls of a policy: text boxes, check boxes, dropdowns ...). Definitions and presentations are
// global in Graph (the same ids in every tenant), which is why their ids are NOT tenant-scoped here
// and why a normalized capture keeps them: they say WHICH policy is configured.

import { deterministicGuid, type SeededRandom } from "../deterministic.ts";
import type { SimObject } from "../types.ts";
import type { SeedContext } from "./definition.ts";

type PresentationKind = "text" | "decimal" | "checkBox" | "dropdown" | "multiText" | "list";

interface AdmxDefinition {
  displayName: string;
  categoryPath: string;
  classType: "machine" | "user";
  presentations: ReadonlyArray<{ label: string; kind: PresentationKind }>;
}

const DEFINITIONS: readonly AdmxDefinition[] = [
  {
    displayName: "Configure the home page URL",
    categoryPath: "\\Microsoft Edge\\Startup, home page and new tab page",
    classType: "machine",
    presentations: [{ label: "Home page URL", kind: "text" }],
  },
  {
    displayName: "Enable saving passwords to the password manager",
    categoryPath: "\\Microsoft Edge\\Password manager and protection",
    classType: "machine",
    presentations: [],
  },
  {
    displayName: "Configure Microsoft Defender SmartScreen",
    categoryPath: "\\Microsoft Edge\\SmartScreen settings",
    classType: "machine",
    presentations: [],
  },
  {
    displayName: "Control which extensions cannot be installed",
    categoryPath: "\\Microsoft Edge\\Extensions",
    classType: "machine",
    presentations: [{ label: "Extension IDs", kind: "list" }],
  },
  {
    displayName: "Set the default download directory",
    categoryPath: "\\Microsoft Edge",
    classType: "user",
    presentations: [{ label: "Download directory", kind: "text" }],
  },
  {
    displayName: "Silently move Windows known folders to OneDrive",
    categoryPath: "\\OneDrive",
    classType: "machine",
    presentations: [
      { label: "Tenant ID", kind: "text" },
      { label: "Show notification to users", kind: "dropdown" },
    ],
  },
  { displayName: "Use OneDrive Files On-Demand", categoryPath: "\\OneDrive", classType: "machine", presentations: [] },
  {
    displayName: "Set the maximum size of a user's OneDrive that can download automatically",
    categoryPath: "\\OneDrive",
    classType: "machine",
    presentations: [{ label: "Size in MB", kind: "decimal" }],
  },
  {
    displayName: "Block macros from running in Office files from the Internet",
    categoryPath: "\\Microsoft Word 2016\\Word Options\\Security\\Trust Center",
    classType: "user",
    presentations: [],
  },
  {
    displayName: "Default file format for Excel",
    categoryPath: "\\Microsoft Excel 2016\\Excel Options\\Save",
    classType: "user",
    presentations: [{ label: "Save files in this format", kind: "dropdown" }],
  },
  { displayName: "Turn off the Store application", categoryPath: "\\Windows Components\\Store", classType: "machine", presentations: [] },
  {
    displayName: "Require a password when a computer wakes (plugged in)",
    categoryPath: "\\System\\Power Management\\Sleep Settings",
    classType: "machine",
    presentations: [],
  },
  {
    displayName: "Set time limit for disconnected sessions",
    categoryPath: "\\Windows Components\\Remote Desktop Services\\Session Time Limits",
    classType: "machine",
    presentations: [{ label: "End a disconnected session", kind: "dropdown" }],
  },
  {
    displayName: "Do not allow drive redirection",
    categoryPath: "\\Windows Components\\Remote Desktop Services\\Device and Resource Redirection",
    classType: "machine",
    presentations: [],
  },
  {
    displayName: "Specify intranet Microsoft update service location",
    categoryPath: "\\Windows Components\\Windows Update",
    classType: "machine",
    presentations: [
      { label: "Update service URL", kind: "text" },
      { label: "Statistics server URL", kind: "text" },
      { label: "Download files with no URL", kind: "checkBox" },
    ],
  },
  {
    displayName: "Configure logon message text",
    categoryPath: "\\System\\Logon",
    classType: "machine",
    presentations: [{ label: "Message lines", kind: "multiText" }],
  },
];

export const ADMX_DEFINITION_COUNT = DEFINITIONS.length;

const PRESENTATION_TYPES: Record<PresentationKind, { presentation: string; value: string }> = {
  text: { presentation: "groupPolicyPresentationTextBox", value: "groupPolicyPresentationValueText" },
  decimal: { presentation: "groupPolicyPresentationDecimalTextBox", value: "groupPolicyPresentationValueDecimal" },
  checkBox: { presentation: "groupPolicyPresentationCheckBox", value: "groupPolicyPresentationValueBoolean" },
  dropdown: { presentation: "groupPolicyPresentationDropdownList", value: "groupPolicyPresentationValueText" },
  multiText: { presentation: "groupPolicyPresentationMultiTextBox", value: "groupPolicyPresentationValueMultiText" },
  list: { presentation: "groupPolicyPresentationListBox", value: "groupPolicyPresentationValueList" },
};

/** Fixed timestamp of the catalog: definitions ship with Windows/Office, not with the tenant. */
const CATALOG_MODIFIED = "2024-03-12T00:00:00Z";

function definitionEntity(definition: AdmxDefinition): SimObject {
  return {
    "@odata.type": "#microsoft.graph.groupPolicyDefinition",
    id: deterministicGuid("admx-definition", definition.displayName),
    classType: definition.classType,
    displayName: definition.displayName,
    explainText: `${definition.displayName}. If you enable this policy setting, the configured value applies.`,
    categoryPath: definition.categoryPath,
    supportedOn: "At least Windows 10",
    policyType: "admxBacked",
    hasRelatedDefinitions: false,
    groupPolicyCategoryId: deterministicGuid("admx-category", definition.categoryPath),
    minDeviceCspVersion: "1.0",
    minUserCspVersion: "1.0",
    version: "1.0",
    lastModifiedDateTime: CATALOG_MODIFIED,
  };
}

function presentationValue(
  definition: AdmxDefinition,
  presentation: AdmxDefinition["presentations"][number],
  random: SeededRandom,
  tenantName: string,
  ids: { valueId: string; timestamps: { createdDateTime: string; lastModifiedDateTime: string } },
): SimObject {
  const types = PRESENTATION_TYPES[presentation.kind];
  const value =
    presentation.kind === "decimal"
      ? { value: random.pick([1024, 2048, 4096]) }
      : presentation.kind === "checkBox"
        ? { value: random.chance(0.5) }
        : presentation.kind === "multiText"
          ? { values: [`Property of ${tenantName}`, "Unauthorized use is prohibited."] }
          : presentation.kind === "list"
            ? { values: [{ name: "nckgahadagoaajjgafhacjanaoiihapd", value: null }] }
            : presentation.kind === "dropdown"
              ? { value: random.pick(["0", "1", "2"]) }
              : { value: `https://intranet.${tenantName.toLowerCase()}.example/${presentation.label.toLowerCase().replaceAll(" ", "-")}` };
  return {
    "@odata.type": `#microsoft.graph.${types.value}`,
    id: ids.valueId,
    ...ids.timestamps,
    ...value,
    presentation: presentationEntity(definition, presentation),
  };
}

function presentationEntity(definition: AdmxDefinition, presentation: AdmxDefinition["presentations"][number]): SimObject {
  return {
    "@odata.type": `#microsoft.graph.${PRESENTATION_TYPES[presentation.kind].presentation}`,
    id: deterministicGuid("admx-presentation", definition.displayName, presentation.label),
    label: presentation.label,
    required: false,
    lastModifiedDateTime: CATALOG_MODIFIED,
  };
}

export interface CatalogDefinition {
  definition: SimObject;
  /** The definition's presentations by id. */
  presentations: ReadonlyMap<string, SimObject>;
}

const CATALOG_BY_ID: ReadonlyMap<string, CatalogDefinition> = new Map(
  DEFINITIONS.map((definition) => {
    const entity = definitionEntity(definition);
    const presentations = definition.presentations.map((presentation) => presentationEntity(definition, presentation));
    return [entity.id, { definition: entity, presentations: new Map(presentations.map((p) => [p.id, p])) }] as const;
  }),
);

/** The global catalog entry behind `definition@odata.bind` (the same in every tenant, like Graph's). */
export function catalogDefinition(id: string): CatalogDefinition | undefined {
  return CATALOG_BY_ID.get(id);
}

/**
 * `count` definition values starting at catalog position `first`, each with its `definition`
 * and its `presentationValues` inline (the store serves both only on request, as Graph does).
 */
export function buildDefinitionValues(context: SeedContext, count: number, first: number, policyName: string): SimObject[] {
  const values: SimObject[] = [];
  for (let index = 0; index < Math.min(count, DEFINITIONS.length); index++) {
    const definition = DEFINITIONS[(first + index) % DEFINITIONS.length] as AdmxDefinition;
    const valueId = context.guid("groupPolicyDefinitionValues", policyName, definition.displayName);
    const stamps = context.timestamps();
    values.push({
      "@odata.type": "#microsoft.graph.groupPolicyDefinitionValue",
      id: valueId,
      ...stamps,
      enabled: context.random.chance(0.85),
      configurationType: "policy",
      definition: definitionEntity(definition),
      presentationValues: definition.presentations.map((presentation) =>
        presentationValue(definition, presentation, context.random, context.tenantName, {
          valueId: context.guid("groupPolicyPresentationValues", valueId, presentation.label),
          timestamps: stamps,
        }),
      ),
    });
  }
  return values;
}
