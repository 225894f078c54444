// The contract registry: the ONE place that knows Microsoft Graph endpoints for Intune object types.
// Everything else (client, worker, restore) asks the registry for paths instead of spelling URLs, so
// supporting a new type (groupPolicyConfigurations, deviceEnrollmentConfigurations,
// windowsAutopilotDeploymentProfiles, deviceManagementScripts, deviceHealthScripts, intents,
// notificationMessageTemplates, ...) is one entry in CONTRACT_DEFINITIONS below.

export type GraphApiVersion = "v1.0" | "beta";

interface ContractDefinition {
  label: string;
  /** Collection path below the version root, e.g. `deviceManagement/deviceConfigurations`. */
  collectionPath: `deviceManagement/${string}`;
  apiVersion: GraphApiVersion;
  /** Settings catalog objects are named by `name`, everything else by `displayName`. */
  displayNameField: "displayName" | "name";
  /** Foundations are restored before policies because policies reference them. */
  isFoundation: boolean;
  /** Settings live in a paged `/settings` sub-collection (settings catalog). */
  hasSettings: boolean;
  /** Assignments are read from `/assignments` and replaced with `POST /assign`. */
  hasAssignments: boolean;
  /** Settings catalog needs a PUT of the whole policy: PATCH only changes name/description/tags. */
  updateMethod: "PATCH" | "PUT";
}

const CONTRACT_DEFINITIONS = {
  deviceConfigurations: {
    label: "Device configuration profile",
    collectionPath: "deviceManagement/deviceConfigurations",
    apiVersion: "v1.0",
    displayNameField: "displayName",
    isFoundation: false,
    hasSettings: false,
    hasAssignments: true,
    updateMethod: "PATCH",
  },
  deviceCompliancePolicies: {
    label: "Device compliance policy",
    collectionPath: "deviceManagement/deviceCompliancePolicies",
    apiVersion: "v1.0",
    displayNameField: "displayName",
    isFoundation: false,
    hasSettings: false,
    hasAssignments: true,
    updateMethod: "PATCH",
  },
  configurationPolicies: {
    label: "Settings catalog policy",
    collectionPath: "deviceManagement/configurationPolicies",
    apiVersion: "beta",
    displayNameField: "name",
    isFoundation: false,
    hasSettings: true,
    hasAssignments: true,
    updateMethod: "PUT",
  },
  roleScopeTags: {
    label: "Scope tag",
    collectionPath: "deviceManagement/roleScopeTags",
    apiVersion: "beta",
    displayNameField: "displayName",
    isFoundation: true,
    hasSettings: false,
    hasAssignments: false,
    updateMethod: "PATCH",
  },
  assignmentFilters: {
    label: "Assignment filter",
    collectionPath: "deviceManagement/assignmentFilters",
    apiVersion: "beta",
    displayNameField: "displayName",
    isFoundation: true,
    hasSettings: false,
    hasAssignments: false,
    updateMethod: "PATCH",
  },
} as const satisfies Record<string, ContractDefinition>;

/** Key of a supported object type; grows automatically with CONTRACT_DEFINITIONS. */
export type ContractKey = keyof typeof CONTRACT_DEFINITIONS;

export interface ObjectContract extends ContractDefinition {
  key: ContractKey;
}

export const allContracts: readonly ObjectContract[] = Object.freeze(
  (Object.keys(CONTRACT_DEFINITIONS) as ContractKey[]).map((key) => Object.freeze({ key, ...CONTRACT_DEFINITIONS[key] })),
);

const contractsByKey = new Map<string, ObjectContract>(allContracts.map((c) => [c.key, c]));

export function isContractKey(value: string): value is ContractKey {
  return contractsByKey.has(value);
}

export function contractFor(key: ContractKey): ObjectContract {
  const contract = contractsByKey.get(key);
  // Only reachable from untyped callers (job payloads, JSON); typed callers cannot miss.
  if (!contract) throw new Error(`Unsupported object type: ${String(key)}`);
  return contract;
}

// Path builders. They return version-rooted paths (`/beta/deviceManagement/...`) that the client
// resolves against its graphUrl; ids are encoded so a hostile id cannot walk to another endpoint.

export function collectionPathOf(contract: ObjectContract): string {
  return `/${contract.apiVersion}/${contract.collectionPath}`;
}

export function objectPathOf(contract: ObjectContract, id: string): string {
  return `${collectionPathOf(contract)}/${encodeURIComponent(id)}`;
}

export function assignmentsPathOf(contract: ObjectContract, id: string): string {
  if (!contract.hasAssignments) throw new Error(`${contract.key} has no assignments`);
  return `${objectPathOf(contract, id)}/assignments`;
}

/** `POST` target that replaces all assignments of an object. */
export function assignActionPathOf(contract: ObjectContract, id: string): string {
  if (!contract.hasAssignments) throw new Error(`${contract.key} has no assignments`);
  return `${objectPathOf(contract, id)}/assign`;
}

export function settingsPathOf(contract: ObjectContract, id: string): string {
  if (!contract.hasSettings) throw new Error(`${contract.key} has no settings collection`);
  return `${objectPathOf(contract, id)}/settings`;
}
