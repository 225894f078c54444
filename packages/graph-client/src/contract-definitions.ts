// The data of the contract registry: one entry per supported Intune (and Entra) object type. Policies share
// their defaults through `policy()` (assignable, scope tags, filters, PATCH, fully restorable);
// each entry states what differs (contract-entry-builders.ts). The registry API lives in contracts.ts.

import { conditionalAccessPoliciesContract, namedLocationsContract } from "./conditional-access-contracts.ts";
import type { ContractDefinition } from "./contract-types.ts";
import {
  ASSIGNMENT_FILTERS,
  MANAGED_APPS_BY_IDENTIFIER,
  REUSABLE_SETTING_REFERENCES,
  SCHEDULED_ACTIONS,
  SCOPE_TAGS,
  appProtection,
  foundation,
  mobileApps,
  policy,
  shellScript,
  updateProfile,
} from "./contract-entry-builders.ts";

/** Graph's "no notification template" value in compliance actions. */
export const NO_NOTIFICATION_TEMPLATE_ID = "00000000-0000-0000-0000-000000000000";

export const CONTRACT_DEFINITIONS = {
  deviceConfigurations: policy({
    label: "Device configuration profile",
    collectionPath: "deviceManagement/deviceConfigurations",
    apiVersion: "v1.0",
    // supportsScopeTags is computed by the service from the profile type.
    normalization: { stripPaths: ["supportsScopeTags"] },
  }),
  deviceCompliancePolicies: policy({
    label: "Device compliance policy",
    collectionPath: "deviceManagement/deviceCompliancePolicies",
    apiVersion: "v1.0",
    subResources: [SCHEDULED_ACTIONS],
    dependsOn: [
      SCOPE_TAGS,
      ASSIGNMENT_FILTERS,
      {
        foundation: "notificationMessageTemplates",
        path: "scheduledActionsForRule[].scheduledActionConfigurations[].notificationTemplateId",
        ignoreValues: [NO_NOTIFICATION_TEMPLATE_ID],
      },
      // Custom compliance: the Windows policy checks the output of a compliance script of the tenant.
      { foundation: "deviceComplianceScripts", path: "deviceCompliancePolicyScript.deviceComplianceScriptId" },
    ],
    normalization: {
      unorderedArrays: [
        { path: "scheduledActionsForRule", sortBy: ["ruleName"] },
        { path: "scheduledActionsForRule[].scheduledActionConfigurations", sortBy: ["actionType", "gracePeriodHours"] },
        { path: "scheduledActionsForRule[].scheduledActionConfigurations[].notificationMessageCCList" },
      ],
    },
  }),
  configurationPolicies: policy({
    label: "Settings catalog policy",
    collectionPath: "deviceManagement/configurationPolicies",
    apiVersion: "beta",
    displayNameField: "name",
    hasSettings: true,
    updateMethod: "PUT",
    subResources: [{ kind: "collection", key: "settings", totalProperty: "settingCount", isSettings: true }],
    dependsOn: [SCOPE_TAGS, ASSIGNMENT_FILTERS, REUSABLE_SETTING_REFERENCES],
    normalization: {
      stripPaths: ["settingCount", "isAssigned"],
      unorderedArrays: [{ path: "settings", sortBy: ["settingInstance.settingDefinitionId"] }],
    },
  }),
  roleScopeTags: foundation({
    label: "Scope tag",
    collectionPath: "deviceManagement/roleScopeTags",
    apiVersion: "beta",
    permissionFamily: "DeviceManagementRBAC",
    // Only Microsoft's Default tag ("0") is built in; the service sets the flag.
    readOnlyPaths: ["isBuiltIn"],
  }),
  assignmentFilters: foundation({
    label: "Assignment filter",
    collectionPath: "deviceManagement/assignmentFilters",
    apiVersion: "beta",
    // Name lookups list all filters: the endpoint offers no reliable `$filter` on displayName.
    supportsNameFilter: false,
    // Graph quirk: filters name their scope tags `roleScopeTags`, not `roleScopeTagIds`.
    dependsOn: [{ foundation: "roleScopeTags", path: "roleScopeTags[]" }],
    normalization: { unorderedArrays: [{ path: "roleScopeTags" }] },
  }),
  groupPolicyConfigurations: policy({
    label: "Administrative templates (ADMX) profile",
    collectionPath: "deviceManagement/groupPolicyConfigurations",
    apiVersion: "beta",
    subResources: [
      {
        kind: "collection",
        key: "definitionValues",
        expand: "definition",
        isSettings: true,
        requestCount: true,
        perItem: { key: "presentationValues", expand: "presentation", requestCount: true },
      },
    ],
    normalization: {
      // Definitions and presentations are Microsoft's global catalog: their ids say WHICH policy and
      // control is configured (the same in every tenant); their texts are not configuration.
      keepIdPaths: ["definitionValues[].definition.id", "definitionValues[].presentationValues[].presentation.id"],
      reduceTo: [
        { path: "definitionValues[].definition", keep: ["id", "displayName", "classType", "categoryPath"] },
        { path: "definitionValues[].presentationValues[].presentation", keep: ["id", "label", "@odata.type"] },
      ],
      unorderedArrays: [
        { path: "definitionValues", sortBy: ["definition.id"] },
        { path: "definitionValues[].presentationValues", sortBy: ["presentation.id"] },
      ],
    },
  }),
  deviceEnrollmentConfigurations: policy({
    label: "Enrollment configuration",
    collectionPath: "deviceManagement/deviceEnrollmentConfigurations",
    apiVersion: "v1.0",
    permissionFamily: "DeviceManagementServiceConfig",
    assignBodyKey: "enrollmentConfigurationAssignments",
    supportsNameFilter: false,
  }),
  windowsAutopilotDeploymentProfiles: policy({
    label: "Windows Autopilot deployment profile",
    collectionPath: "deviceManagement/windowsAutopilotDeploymentProfiles",
    apiVersion: "beta",
    permissionFamily: "DeviceManagementServiceConfig",
  }),
  deviceManagementScripts: policy({
    label: "Platform script (PowerShell)",
    collectionPath: "deviceManagement/deviceManagementScripts",
    apiVersion: "beta",
    assignBodyKey: "deviceManagementScriptAssignments",
    subResources: [{ kind: "detailProperties", properties: [{ name: "scriptContent", required: true }] }],
  }),
  deviceHealthScripts: policy({
    label: "Remediation (device health script)",
    collectionPath: "deviceManagement/deviceHealthScripts",
    apiVersion: "beta",
    assignBodyKey: "deviceHealthScriptAssignments",
    supportsNameFilter: false,
    // Set by the service: Microsoft's own scripts are the global ones.
    readOnlyPaths: ["isGlobalScript"],
    subResources: [
      {
        kind: "detailProperties",
        // Detection-only remediations legitimately have no remediation script.
        properties: [
          { name: "detectionScriptContent", required: true },
          { name: "remediationScriptContent", required: false },
        ],
      },
    ],
    normalization: {
      stripPaths: ["highestAvailableVersion"],
      unorderedArrays: [
        { path: "detectionScriptParameters", sortBy: ["name"] },
        { path: "remediationScriptParameters", sortBy: ["name"] },
      ],
    },
  }),
  intents: policy({
    label: "Security baseline (intent)",
    collectionPath: "deviceManagement/intents",
    apiVersion: "beta",
    restoreSupport: "previewOnly",
    previewOnlyReason:
      "Graph creates an intent only from a template version it still offers, so an older baseline cannot be recreated as it was; recreate it from the current template instead.",
    subResources: [{ kind: "collection", key: "settings", isSettings: true, requestCount: true }],
    normalization: {
      stripPaths: ["isAssigned", "isMigratingToConfigurationPolicy"],
      unorderedArrays: [{ path: "settings", sortBy: ["definitionId"] }],
    },
  }),
  notificationMessageTemplates: foundation({
    label: "Compliance notification template",
    collectionPath: "deviceManagement/notificationMessageTemplates",
    apiVersion: "v1.0",
    permissionFamily: "DeviceManagementServiceConfig",
    supportsNameFilter: false,
    subResources: [{ kind: "collection", key: "localizedNotificationMessages", requestCount: true }],
    dependsOn: [SCOPE_TAGS],
    normalization: { unorderedArrays: [{ path: "localizedNotificationMessages", sortBy: ["locale"] }] },
  }),
  iosManagedAppProtections: appProtection("App protection policy (iOS/iPadOS)", "iosManagedAppProtections"),
  androidManagedAppProtections: appProtection("App protection policy (Android)", "androidManagedAppProtections"),
  windowsManagedAppProtections: appProtection("App protection policy (Windows)", "windowsManagedAppProtections"),
  windowsFeatureUpdateProfiles: updateProfile({
    label: "Windows feature update profile",
    collectionPath: "deviceManagement/windowsFeatureUpdateProfiles",
    apiVersion: "beta",
    serviceOwned: ["deployableContentDisplayName", "endOfSupportDate"],
  }),
  windowsQualityUpdateProfiles: updateProfile({
    label: "Windows quality update profile (expedite)",
    collectionPath: "deviceManagement/windowsQualityUpdateProfiles",
    apiVersion: "beta",
    serviceOwned: ["deployableContentDisplayName", "releaseDateDisplayName"],
  }),
  windowsDriverUpdateProfiles: updateProfile({
    label: "Windows driver update profile",
    collectionPath: "deviceManagement/windowsDriverUpdateProfiles",
    apiVersion: "beta",
    // Windows Update's report on the drivers it found; approvals of single drivers are not configuration kept here.
    serviceOwned: ["deviceReporting", "newUpdates", "inventorySyncStatus"],
  }),
  mobileAppConfigurations: policy({
    label: "App configuration policy (managed devices)",
    collectionPath: "deviceAppManagement/mobileAppConfigurations",
    apiVersion: "beta",
    permissionFamily: "DeviceManagementApps",
    supportsNameFilter: false,
    // The configured app by its id in the tenant's app catalog: mapped to the same app of the target.
    dependsOn: [SCOPE_TAGS, ASSIGNMENT_FILTERS, { foundation: "mobileApps", path: "targetedMobileApps[]" }],
    // Whether an Android app is an OEMConfig app is the service's knowledge, not configuration.
    normalization: { stripPaths: ["appSupportsOemConfig"], unorderedArrays: [{ path: "settings", sortBy: ["appConfigKey"] }] },
  }),
  targetedManagedAppConfigurations: policy({
    label: "App configuration policy (managed apps)",
    collectionPath: "deviceAppManagement/targetedManagedAppConfigurations",
    apiVersion: "beta",
    permissionFamily: "DeviceManagementApps",
    supportsNameFilter: false,
    // The configured apps by store identifier: nothing to remap; written through targetApps like app protection's.
    subResources: [{ kind: "collection", key: "apps", requestCount: true }],
    normalization: {
      stripPaths: ["isAssigned", "deployedAppCount"],
      unorderedArrays: [MANAGED_APPS_BY_IDENTIFIER, { path: "customSettings", sortBy: ["name"] }],
    },
  }),
  deviceShellScripts: shellScript({ label: "macOS shell script", collectionPath: "deviceManagement/deviceShellScripts" }),
  deviceCustomAttributeShellScripts: shellScript({
    label: "macOS custom attribute script",
    collectionPath: "deviceManagement/deviceCustomAttributeShellScripts",
  }),
  deviceComplianceScripts: foundation({
    label: "Custom compliance script",
    collectionPath: "deviceManagement/deviceComplianceScripts",
    apiVersion: "beta",
    supportsNameFilter: false,
    // Referenced by Windows compliance policies (deviceCompliancePolicyScript), never assigned itself.
    dependsOn: [SCOPE_TAGS],
    subResources: [{ kind: "detailProperties", properties: [{ name: "detectionScriptContent", required: true }] }],
  }),
  deviceCategories: policy({
    label: "Device category",
    collectionPath: "deviceManagement/deviceCategories",
    apiVersion: "beta",
    permissionFamily: "DeviceManagementManagedDevices",
    hasAssignments: false,
    supportsNameFilter: false,
    dependsOn: [SCOPE_TAGS],
  }),
  termsAndConditions: policy({
    label: "Terms and conditions",
    collectionPath: "deviceManagement/termsAndConditions",
    apiVersion: "beta",
    permissionFamily: "DeviceManagementServiceConfig",
    supportsNameFilter: false,
    // No `/assign`: each assignment is created on its own; users accept terms, so no filters.
    itemAssignments: true,
    dependsOn: [SCOPE_TAGS],
    // The service's own change marker next to lastModifiedDateTime.
    normalization: { stripPaths: ["modifiedDateTime"] },
  }),
  reusablePolicySettings: foundation({
    label: "Reusable policy setting (settings catalog)",
    collectionPath: "deviceManagement/reusablePolicySettings",
    apiVersion: "beta",
    supportsNameFilter: false,
    // Settings catalog policies name it through a reference setting value: restored first, the
    // reference mapped to the target's copy. Which policies use it, and how many, is the service's
    // bookkeeping (read-only), not configuration.
    readOnlyPaths: ["referencingConfigurationPolicies"],
    normalization: { stripPaths: ["referencingConfigurationPolicyCount"] },
  }),
  // A foundation: role assignments name their role by id, so custom roles are restored before them
  // and built-in ones map to the target's role of the same name.
  roleDefinitions: foundation({
    label: "Intune role definition",
    collectionPath: "deviceManagement/roleDefinitions",
    apiVersion: "beta",
    permissionFamily: "DeviceManagementRBAC",
    supportsNameFilter: false,
    dependsOn: [SCOPE_TAGS],
    readOnlyPaths: ["isBuiltIn", "isBuiltInRoleDefinition"],
    builtIn: {
      path: "isBuiltIn",
      reason:
        "Built-in roles are Microsoft's: every tenant has them with the same permissions and Graph refuses to change them, so a restore leaves them as they are.",
    },
    normalization: {
      unorderedArrays: [
        { path: "rolePermissions[].resourceActions[].allowedResourceActions" },
        { path: "rolePermissions[].resourceActions[].notAllowedResourceActions" },
      ],
    },
  }),
  roleAssignments: policy({
    label: "Intune role assignment",
    collectionPath: "deviceManagement/roleAssignments",
    apiVersion: "beta",
    permissionFamily: "DeviceManagementRBAC",
    // Who holds the role (members) over which groups (scope members) are Entra groups in the
    // object itself, not assignments; the role is a navigation read with $expand and written as a bind.
    hasAssignments: false,
    supportsNameFilter: false,
    subResources: [{ kind: "expand", key: "roleDefinition", expand: "roleDefinition", single: true }],
    dependsOn: [SCOPE_TAGS, { foundation: "roleDefinitions", path: "roleDefinition.id" }],
    directoryReferences: [
      { kind: "groups", path: "members[]" },
      { kind: "groups", path: "scopeMembers[]" },
      // The older name of the scope groups, still returned next to scopeMembers.
      { kind: "groups", path: "resourceScopes[]" },
    ],
    normalization: {
      // The role is identified by its id (mapped by name on restore); its permissions are the role definition's own item.
      keepIdPaths: ["roleDefinition.id"],
      reduceTo: [{ path: "roleDefinition", keep: ["id", "displayName"] }],
      unorderedArrays: [{ path: "members" }, { path: "scopeMembers" }, { path: "resourceScopes" }],
    },
  }),
  // Apple automated device enrollment (ADE/DEP): the tenant's Apple token connection, captured
  // with the enrollment profiles below it. Windows enrollment status pages are enrollment
  // configurations (windows10EnrollmentCompletionPageConfiguration), backed up there.
  depOnboardingSettings: policy({
    label: "Apple automated device enrollment token with its enrollment profiles",
    collectionPath: "deviceManagement/depOnboardingSettings",
    apiVersion: "beta",
    permissionFamily: "DeviceManagementServiceConfig",
    displayNameField: "tokenName",
    hasAssignments: false,
    supportsNameFilter: false,
    dependsOn: [SCOPE_TAGS],
    restoreSupport: "previewOnly",
    previewOnlyReason:
      "The onboarding setting is the tenant's connection to Apple Business Manager: Graph creates it only from a token file that Apple issues for the tenant's own public key (uploadDepToken), never from a backup, and the enrollment profiles exist only below such a token. Upload the target's token from Apple Business Manager, then recreate the profiles from the backup shown here.",
    subResources: [{ kind: "collection", key: "enrollmentProfiles", requestCount: true }],
    normalization: {
      // Apple's sync state and the token's lifetime: facts of the connection, not configuration.
      stripPaths: [
        "lastSuccessfulSyncDateTime",
        "lastSyncTriggeredDateTime",
        "lastSyncErrorCode",
        "syncedDeviceCount",
        "tokenExpirationDateTime",
      ],
      unorderedArrays: [
        { path: "enrollmentProfiles", sortBy: ["@odata.type", "displayName"] },
        { path: "enrollmentProfiles[].enabledSkipKeys" },
        { path: "enrollmentProfiles[].enrollmentTimeAzureAdGroupIds" },
      ],
    },
  }),
  namedLocations: namedLocationsContract,
  conditionalAccessPolicies: conditionalAccessPoliciesContract,
  mobileApps: mobileApps(),
} satisfies Record<string, ContractDefinition>;
