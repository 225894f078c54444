// Recognizes the object in an imported baseline file, by what the file itself states, never by
// guessing from property names:
// - `@odata.context` names the collection the object was read from (`$metadata#deviceManagement/
//   configurationPolicies(assignments(),settings())/$entity`): IntuneManagement exports and Graph
//   answers carry it. The collection is looked up in the contract registry.
// - Without a context, `@odata.type` decides only where it names exactly one registry type
//   (ENTITY_TYPES); a subtype such as `windows10CompliancePolicy` alone does not say which
//   collection it belongs to, so such a file is listed as not recognized.
// - The Intune portal's own export/import JSON of a settings catalog policy has no `@odata.type`;
//   its inline `settings` of `settingInstance`s are what the portal's import reads.
// A recognized object must also be whole as the registry defines it (settings, expanded actions):
// a file without them would make a baseline that cannot be compared or deployed.

import { allContracts, type ContractKey, type ObjectContract } from "@atlas/graph-client";
import { decodeFile } from "./decode-file.ts";

export type BaselineFileFormat = "intuneManagement" | "graph" | "intunePortal";

export const NOT_RECOGNIZED_REASONS = {
  notText: "NOT_TEXT",
  notJson: "NOT_JSON",
  notAnObject: "NOT_AN_OBJECT",
  unknownType: "UNKNOWN_TYPE",
  unsupportedType: "UNSUPPORTED_TYPE",
  incomplete: "INCOMPLETE",
  noName: "NO_NAME",
  duplicate: "DUPLICATE",
  tooLarge: "TOO_LARGE",
} as const;
export type NotRecognizedReason = (typeof NOT_RECOGNIZED_REASONS)[keyof typeof NOT_RECOGNIZED_REASONS];

export interface RecognizedObject {
  /** The file name, with `#<index>` for an object of a Graph list answer (`value`). */
  fileName: string;
  format: BaselineFileFormat;
  objectType: ContractKey;
  displayName: string;
  /** The capture document: the object with its sub-resources, transport metadata removed. */
  raw: Record<string, unknown>;
  assignments: unknown[] | undefined;
}

export interface NotRecognizedFile {
  fileName: string;
  reason: NotRecognizedReason;
  message: string;
}

/** Base entity types that name exactly one registry type (no subtypes live in another collection). */
/** The entity type of a settings catalog policy, as Graph returns it. */
const SETTINGS_CATALOG_ENTITY_TYPE = "#microsoft.graph.deviceManagementConfigurationPolicy";

const ENTITY_TYPES: Readonly<Record<string, ContractKey>> = {
  "#microsoft.graph.deviceManagementConfigurationPolicy": "configurationPolicies",
  "#microsoft.graph.groupPolicyConfiguration": "groupPolicyConfigurations",
  "#microsoft.graph.deviceManagementScript": "deviceManagementScripts",
  "#microsoft.graph.deviceHealthScript": "deviceHealthScripts",
  "#microsoft.graph.deviceManagementIntent": "intents",
  "#microsoft.graph.roleScopeTag": "roleScopeTags",
  "#microsoft.graph.deviceAndAppManagementAssignmentFilter": "assignmentFilters",
  "#microsoft.graph.notificationMessageTemplate": "notificationMessageTemplates",
  "#microsoft.graph.iosManagedAppProtection": "iosManagedAppProtections",
  "#microsoft.graph.androidManagedAppProtection": "androidManagedAppProtections",
  "#microsoft.graph.windowsManagedAppProtection": "windowsManagedAppProtections",
  "#microsoft.graph.windowsFeatureUpdateProfile": "windowsFeatureUpdateProfiles",
  "#microsoft.graph.windowsQualityUpdateProfile": "windowsQualityUpdateProfiles",
  "#microsoft.graph.windowsDriverUpdateProfile": "windowsDriverUpdateProfiles",
  "#microsoft.graph.iosMobileAppConfiguration": "mobileAppConfigurations",
  "#microsoft.graph.androidManagedStoreAppConfiguration": "mobileAppConfigurations",
  "#microsoft.graph.targetedManagedAppConfiguration": "targetedManagedAppConfigurations",
  "#microsoft.graph.deviceShellScript": "deviceShellScripts",
  "#microsoft.graph.deviceCustomAttributeShellScript": "deviceCustomAttributeShellScripts",
  "#microsoft.graph.deviceComplianceScript": "deviceComplianceScripts",
  "#microsoft.graph.deviceCategory": "deviceCategories",
  "#microsoft.graph.termsAndConditions": "termsAndConditions",
  "#microsoft.graph.deviceAndAppManagementRoleDefinition": "roleDefinitions",
  "#microsoft.graph.deviceAndAppManagementRoleAssignment": "roleAssignments",
  "#microsoft.graph.deviceManagementReusablePolicySetting": "reusablePolicySettings",
  "#microsoft.graph.ipNamedLocation": "namedLocations",
  "#microsoft.graph.countryNamedLocation": "namedLocations",
  "#microsoft.graph.conditionalAccessPolicy": "conditionalAccessPolicies",
  // Apple enrollment tokens are not recognized: they are the tenant's own connection to Apple, named
  // by tokenName, and never restored from a file.
  // Mobile apps are not recognized: a baseline holds one object per type and name, and apps of
  // different kinds share names (Outlook for iOS and for Android); see itemsFromBackup.
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * `https://graph.microsoft.com/beta/$metadata#deviceManagement/deviceConfigurations(assignments())/$entity` -> `deviceManagement/deviceConfigurations`
 * (and `deviceAppManagement/...` for app protection policies).
 */
export function collectionOfContext(context: string): string | undefined {
  const fragment = context.split("#")[1];
  if (!fragment) return undefined;
  const segments = withoutParentheses(fragment).split("/").filter(Boolean);
  if (segments.length === 0) return undefined;
  const root = segments[0];
  return (root === "deviceManagement" || root === "deviceAppManagement") && segments[1] ? `${root}/${segments[1]}` : root;
}

/** Drops `(...)` groups at any depth: the `$expand` echo of a context (`(assignments(),settings())`). */
function withoutParentheses(text: string): string {
  let depth = 0;
  let kept = "";
  for (const character of text) {
    if (character === "(") depth++;
    else if (character === ")") depth = Math.max(0, depth - 1);
    else if (depth === 0) kept += character;
  }
  return kept;
}

type TypeDecision = { contract: ObjectContract } | { reason: NotRecognizedReason; message: string };

function decideType(object: Record<string, unknown>, listContext?: string): TypeDecision {
  const context = typeof object["@odata.context"] === "string" ? object["@odata.context"] : listContext;
  const odataType = typeof object["@odata.type"] === "string" ? object["@odata.type"] : undefined;
  if (context) {
    const collection = collectionOfContext(context);
    const contract = allContracts.find((candidate) => candidate.collectionPath === collection);
    if (contract) return { contract };
    const named = odataType ? ` (${odataType.replace("#microsoft.graph.", "")})` : "";
    return {
      reason: NOT_RECOGNIZED_REASONS.unsupportedType,
      message: `Type ${collection ?? context}${named} cannot be backed up yet, so it cannot be part of a baseline.`,
    };
  }
  if (odataType) {
    const key = ENTITY_TYPES[odataType];
    if (key) return { contract: allContracts.find((candidate) => candidate.key === key)! };
    return {
      reason: NOT_RECOGNIZED_REASONS.unknownType,
      message: `@odata.type ${odataType} alone does not name a collection the product backs up, and the file has no @odata.context.`,
    };
  }
  const settings = object.settings;
  if (
    Array.isArray(settings) &&
    settings.length > 0 &&
    settings.every((setting) => isRecord(setting) && isRecord(setting.settingInstance))
  ) {
    return { contract: allContracts.find((candidate) => candidate.key === "configurationPolicies")! };
  }
  return {
    reason: NOT_RECOGNIZED_REASONS.unknownType,
    message: "The file names no type: it has neither @odata.context nor @odata.type, and it is not a settings catalog export.",
  };
}

/** What the registry requires of a whole object that the file lacks; undefined when it is whole. */
function missingPart(contract: ObjectContract, object: Record<string, unknown>): string | undefined {
  for (const sub of contract.subResources) {
    if (sub.kind === "detailProperties") {
      const missing = sub.properties.find((property) => property.required && (object[property.name] ?? "") === "");
      if (missing) return `it lacks ${missing.name}`;
      continue;
    }
    const value = object[sub.key];
    // A single-valued navigation (a role assignment's role) is an object, not a list.
    if (sub.kind === "expand" && sub.single) {
      if (typeof value !== "object" || value === null || Array.isArray(value)) return `it lacks ${sub.key}`;
      continue;
    }
    if (!Array.isArray(value)) return `it lacks ${sub.key}`;
    if (sub.kind === "collection" && sub.totalProperty && typeof object[sub.totalProperty] === "number") {
      const total = object[sub.totalProperty] as number;
      if (total !== value.length) return `it holds ${value.length} of its ${total} ${sub.key}`;
    }
  }
  return undefined;
}

function formatOf(object: Record<string, unknown>): BaselineFileFormat {
  if (object["@odata.type"] === undefined && Array.isArray(object.settings)) return "intunePortal";
  // IntuneManagement asks Graph for full metadata: edit links and advertised actions come along.
  if ("@odata.editLink" in object || Object.keys(object).some((key) => key.startsWith("#microsoft.graph."))) return "intuneManagement";
  return "graph";
}

/** Transport metadata a capture never holds: advertised actions (`#microsoft.graph.assign`). */
function withoutActions(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([key]) => !key.startsWith("#")));
}

function recognizeObject(fileName: string, object: Record<string, unknown>, listContext?: string): RecognizedObject | NotRecognizedFile {
  const decision = decideType(object, listContext);
  if (!("contract" in decision)) return { fileName, reason: decision.reason, message: decision.message };
  const { contract } = decision;
  if (contract.identityIncludesODataType) {
    return {
      fileName,
      reason: NOT_RECOGNIZED_REASONS.unsupportedType,
      message: `${contract.label}: backed up and restored, but not part of baselines yet (a baseline holds one object per type and name, and objects of this type share names across kinds).`,
    };
  }
  const name = object[contract.displayNameField];
  if (typeof name !== "string" || name.trim() === "") {
    return {
      fileName,
      reason: NOT_RECOGNIZED_REASONS.noName,
      message: `The ${contract.label.toLowerCase()} has no ${contract.displayNameField}.`,
    };
  }
  const missing = missingPart(contract, object);
  if (missing) {
    return {
      fileName,
      reason: NOT_RECOGNIZED_REASONS.incomplete,
      message: `The ${contract.label.toLowerCase()} is not whole: ${missing}. Export it with its ${contract.subResources.map((sub) => ("key" in sub ? sub.key : "details")).join(", ")}.`,
    };
  }
  const { assignments, ...rest } = withoutActions(object);
  const format = formatOf(object);
  return {
    fileName,
    format,
    objectType: contract.key,
    displayName: name.trim(),
    // The portal's format leaves out the entity type that every Graph read of the policy carries
    // (and normalization keeps): without it the item would differ from the same policy captured
    // from a tenant, in drift checks and in a deployment's read-back alike.
    raw: format === "intunePortal" ? { "@odata.type": SETTINGS_CATALOG_ENTITY_TYPE, ...rest } : rest,
    assignments: contract.hasAssignments && Array.isArray(assignments) ? assignments : undefined,
  };
}

/** Reads one file: an object, or a Graph list answer whose `value` holds objects. */
export function recognizeFile(fileName: string, bytes: Uint8Array): Array<RecognizedObject | NotRecognizedFile> {
  const decoded = decodeFile(bytes);
  if (!decoded.ok) return [{ fileName, reason: NOT_RECOGNIZED_REASONS.notText, message: decoded.reason }];
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoded.text);
  } catch (error) {
    return [{ fileName, reason: NOT_RECOGNIZED_REASONS.notJson, message: `The file is not JSON: ${(error as Error).message}` }];
  }
  if (!isRecord(parsed)) {
    return [
      {
        fileName,
        reason: NOT_RECOGNIZED_REASONS.notAnObject,
        message: "The file holds no JSON object (one object per file, or a Graph list answer).",
      },
    ];
  }
  if (Array.isArray(parsed.value) && parsed["@odata.type"] === undefined) {
    const listContext = typeof parsed["@odata.context"] === "string" ? parsed["@odata.context"] : undefined;
    return parsed.value.map((element, index) =>
      isRecord(element)
        ? recognizeObject(`${fileName}#${index}`, element, listContext)
        : { fileName: `${fileName}#${index}`, reason: NOT_RECOGNIZED_REASONS.notAnObject, message: "The list element is not an object." },
    );
  }
  return [recognizeObject(fileName, parsed)];
}

export function isRecognized(result: RecognizedObject | NotRecognizedFile): result is RecognizedObject {
  return "objectType" in result;
}
