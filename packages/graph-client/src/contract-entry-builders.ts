// The building blocks of the contract registry's entries (contract-definitions.ts): the defaults
// every policy or foundation shares, and the shapes several types have in common (app protection,
// Windows Update profiles, macOS scripts). An entry states only what differs from them.

import type {
  ContractDefinition,
  FoundationDependency,
  GraphPermissionFamily,
  GraphPermissions,
  NormalizationSpec,
  SubResource,
  UnorderedArray,
} from "./contract-types.ts";

export const SCOPE_TAGS: FoundationDependency = { foundation: "roleScopeTags", path: "roleScopeTagIds[]" };
export const ASSIGNMENT_FILTERS: FoundationDependency = {
  foundation: "assignmentFilters",
  path: "assignments[].target.deviceAndAppManagementAssignmentFilterId",
};

/**
 * Settings catalog settings that use a reusable setting (firewall rules' remote addresses, device
 * control's groups) hold a reference setting value whose `value` is the reusable setting's id; plain
 * string values at the same path are no references.
 */
export const REUSABLE_SETTING_REFERENCES: FoundationDependency = {
  foundation: "reusablePolicySettings",
  path: "settings[].settingInstance.groupSettingCollectionValue[].children[].simpleSettingCollectionValue[].value",
  holderODataType: "#microsoft.graph.deviceManagementConfigurationReferenceSettingValue",
};

/** Graph returns assignments in creation order; what counts is the set of targets. */
const ASSIGNMENTS_BY_TARGET: UnorderedArray = {
  path: "assignments",
  sortBy: ["target.@odata.type", "target.groupId", "target.deviceAndAppManagementAssignmentFilterId"],
};

function normalization(spec: Partial<NormalizationSpec> & { assignable: boolean }): NormalizationSpec {
  return {
    // sourceId repeats the object's own id: noise like the id itself.
    stripPaths: [...(spec.assignable ? ["assignments[].sourceId"] : []), ...(spec.stripPaths ?? [])],
    keepIdPaths: spec.keepIdPaths ?? [],
    reduceTo: spec.reduceTo ?? [],
    unorderedArrays: [{ path: "roleScopeTagIds" }, ...(spec.assignable ? [ASSIGNMENTS_BY_TARGET] : []), ...(spec.unorderedArrays ?? [])],
  };
}

/**
 * An entry states its endpoint and whatever differs from the defaults of policy() / foundation().
 * Intune types name their permission family; other types (Entra) state their permissions.
 */
type EntrySpec = Pick<ContractDefinition, "label" | "collectionPath" | "apiVersion"> &
  Partial<Omit<ContractDefinition, "normalization">> & {
    normalization?: Partial<NormalizationSpec>;
    permissionFamily?: GraphPermissionFamily;
  };

/** An Intune family's least privileged permissions: `<family>.Read.All` / `<family>.ReadWrite.All`. */
function intunePermissions(family: GraphPermissionFamily = "DeviceManagementConfiguration"): GraphPermissions {
  return { read: `${family}.Read.All`, write: `${family}.ReadWrite.All` };
}

/** A policy type: assignable, scope-tagged, filter-aware, updated with PATCH and fully restorable unless stated. */
export function policy(entry: EntrySpec): ContractDefinition {
  const { permissionFamily, ...spec } = entry;
  return {
    displayNameField: "displayName",
    isFoundation: false,
    hasSettings: false,
    hasAssignments: true,
    assignBodyKey: "assignments",
    updateMethod: "PATCH",
    restoreSupport: "full",
    permissions: intunePermissions(permissionFamily),
    supportsNameFilter: true,
    readOnlyPaths: [],
    subResources: [],
    dependsOn: [SCOPE_TAGS, ASSIGNMENT_FILTERS],
    directoryReferences: [],
    ...spec,
    normalization: normalization({ assignable: spec.hasAssignments ?? true, ...spec.normalization }),
  };
}

/** A foundation: referenced by policies, restored before them, not assignable. */
export function foundation(entry: EntrySpec): ContractDefinition {
  const { permissionFamily, ...spec } = entry;
  return {
    displayNameField: "displayName",
    isFoundation: true,
    hasSettings: false,
    hasAssignments: false,
    assignBodyKey: "assignments",
    updateMethod: "PATCH",
    restoreSupport: "full",
    permissions: intunePermissions(permissionFamily),
    supportsNameFilter: true,
    readOnlyPaths: [],
    subResources: [],
    dependsOn: [],
    directoryReferences: [],
    ...spec,
    normalization: normalization({ assignable: spec.hasAssignments ?? false, ...spec.normalization }),
  };
}

/** The protected or configured apps of a MAM policy, by store identifier (the same in every tenant). */
export const MANAGED_APPS_BY_IDENTIFIER: UnorderedArray = {
  path: "apps",
  sortBy: [
    "mobileAppIdentifier.@odata.type",
    "mobileAppIdentifier.bundleId",
    "mobileAppIdentifier.packageId",
    "mobileAppIdentifier.windowsAppId",
  ],
};

/**
 * App protection: the protected apps are the contained `apps` collection (a plain GET omits it),
 * identified by store ids that are the same in every tenant (bundle / package / Windows app id),
 * so nothing needs remapping. `isAssigned` and `deployedAppCount` are the service's.
 */
export function appProtection(label: string, key: string): ContractDefinition {
  return policy({
    label,
    collectionPath: `deviceAppManagement/${key}`,
    apiVersion: "beta",
    permissionFamily: "DeviceManagementApps",
    supportsNameFilter: false,
    subResources: [{ kind: "collection", key: "apps", requestCount: true }],
    normalization: { stripPaths: ["isAssigned", "deployedAppCount"], unorderedArrays: [MANAGED_APPS_BY_IDENTIFIER] },
  });
}

/** Windows Update profiles target groups only (no assignment filters) and carry what the service knows about the content. */
export function updateProfile(spec: EntrySpec & { serviceOwned: readonly string[] }): ContractDefinition {
  const { serviceOwned, ...entry } = spec;
  return policy({
    supportsNameFilter: false,
    dependsOn: [SCOPE_TAGS],
    ...entry,
    normalization: { stripPaths: serviceOwned },
  });
}

/** macOS shell and custom attribute scripts: the script is `scriptContent`, which only GET by id returns. */
export function shellScript(spec: Omit<EntrySpec, "apiVersion">): ContractDefinition {
  return policy({
    apiVersion: "beta",
    assignBodyKey: "deviceManagementScriptAssignments",
    subResources: [{ kind: "detailProperties", properties: [{ name: "scriptContent", required: true }] }],
    ...spec,
  });
}

export const SCHEDULED_ACTIONS: SubResource = {
  kind: "expand",
  key: "scheduledActionsForRule",
  // A plain GET omits the actions; creating a compliance policy without its block action fails.
  expand: "scheduledActionsForRule($expand=scheduledActionConfigurations)",
  nestedKey: "scheduledActionConfigurations",
  minItems: 1,
};

/** App kinds whose content is an uploaded package (`contentVersions/files`) that no GET returns. */
export const LINE_OF_BUSINESS_APP_TYPES = [
  "#microsoft.graph.win32LobApp",
  "#microsoft.graph.windowsMobileMSI",
  "#microsoft.graph.windowsAppX",
  "#microsoft.graph.windowsUniversalAppX",
  "#microsoft.graph.iosLobApp",
  "#microsoft.graph.androidLobApp",
  "#microsoft.graph.macOSLobApp",
  "#microsoft.graph.macOSPkgApp",
  "#microsoft.graph.macOSDmgApp",
  "#microsoft.graph.managedIOSLobApp",
  "#microsoft.graph.managedAndroidLobApp",
] as const;

/**
 * Mobile apps, metadata and assignments: a foundation, because app configurations name the app
 * they configure by its id in the tenant's catalog. Store apps and links are recreated with their
 * assignments; line-of-business apps only previewed (their package is not in Graph's answers);
 * Microsoft's global managed apps exist in every tenant and are matched, never created. Apps of
 * different platforms share names (Outlook), so an app is identified by `@odata.type` + name.
 */
export function mobileApps(): ContractDefinition {
  return foundation({
    label: "Mobile app (metadata and assignments)",
    collectionPath: "deviceAppManagement/mobileApps",
    apiVersion: "beta",
    permissionFamily: "DeviceManagementApps",
    // The app catalog honours `$filter` on displayName (the portal filters it too): a lookup need not list every app.
    supportsNameFilter: true,
    hasAssignments: true,
    assignBodyKey: "mobileAppAssignments",
    identityIncludesODataType: true,
    dependsOn: [SCOPE_TAGS, ASSIGNMENT_FILTERS],
    // The admin's icon (shown in Company Portal) comes only with GET by id; Graph takes it back on create.
    subResources: [{ kind: "detailProperties", properties: [{ name: "largeIcon", required: false }] }],
    // Managed Google Play facts the service fills from the approved app, and a managed app's availability.
    readOnlyPaths: ["appAvailability", "appTracks", "isPrivate", "supportsOemConfig"],
    // A web link's address is fixed once created: an update leaves it (a changed one shows in the verification).
    createOnlyPaths: ["appUrl"],
    builtIn: {
      path: "appAvailability",
      value: "global",
      reason:
        "Microsoft's managed apps are in every tenant already and Graph refuses to create them: a restore maps references to the target's own copy and never creates them twice.",
    },
    previewOnlyObjects: {
      path: "@odata.type",
      values: LINE_OF_BUSINESS_APP_TYPES,
      reason:
        "A line-of-business app installs a package uploaded to Intune (Win32, MSI, MSIX, iOS/Android/macOS), and Graph never gives that file back: a restore could only create an empty app that installs nothing. Upload the package in the target again; the backup keeps its metadata and assignments to compare with.",
    },
    normalization: {
      // The service's: assignment state, the publishing pipeline, relationship and license counters.
      stripPaths: [
        "isAssigned",
        "uploadState",
        "publishingState",
        "dependentAppCount",
        "supersedingAppCount",
        "supersededAppCount",
        "usedLicenseCount",
        "totalLicenseCount",
      ],
    },
  });
}
