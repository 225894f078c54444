// The data of the contract registry: one entry per supported Intune object type. Policies share
// their defaults through `policy()` (assignable, scope tags, filters, PATCH, fully restorable);
// each entry states what differs. The registry API lives in contracts.ts.

import type { ContractDefinition, FoundationDependency, NormalizationSpec, SubResource, UnorderedArray } from "./contract-types.ts";

/** Graph's "no notification template" value in compliance actions. */
export const NO_NOTIFICATION_TEMPLATE_ID = "00000000-0000-0000-0000-000000000000";

const SCOPE_TAGS: FoundationDependency = { foundation: "roleScopeTags", path: "roleScopeTagIds[]" };
const ASSIGNMENT_FILTERS: FoundationDependency = {
  foundation: "assignmentFilters",
  path: "assignments[].target.deviceAndAppManagementAssignmentFilterId",
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

/** An entry states its endpoint and whatever differs from the defaults of policy() / foundation(). */
type EntrySpec = Pick<ContractDefinition, "label" | "collectionPath" | "apiVersion"> &
  Partial<Omit<ContractDefinition, "normalization">> & { normalization?: Partial<NormalizationSpec> };

/** A policy type: assignable, scope-tagged, filter-aware, updated with PATCH and fully restorable unless stated. */
function policy(spec: EntrySpec): ContractDefinition {
  return {
    displayNameField: "displayName",
    isFoundation: false,
    hasSettings: false,
    hasAssignments: true,
    assignBodyKey: "assignments",
    updateMethod: "PATCH",
    restoreSupport: "full",
    supportsNameFilter: true,
    readOnlyPaths: [],
    subResources: [],
    dependsOn: [SCOPE_TAGS, ASSIGNMENT_FILTERS],
    ...spec,
    normalization: normalization({ assignable: spec.hasAssignments ?? true, ...spec.normalization }),
  };
}

/** A foundation: referenced by policies, restored before them, not assignable. */
function foundation(spec: EntrySpec): ContractDefinition {
  return {
    displayNameField: "displayName",
    isFoundation: true,
    hasSettings: false,
    hasAssignments: false,
    assignBodyKey: "assignments",
    updateMethod: "PATCH",
    restoreSupport: "full",
    supportsNameFilter: true,
    readOnlyPaths: [],
    subResources: [],
    dependsOn: [],
    ...spec,
    normalization: normalization({ assignable: false, ...spec.normalization }),
  };
}

const SCHEDULED_ACTIONS: SubResource = {
  kind: "expand",
  key: "scheduledActionsForRule",
  // A plain GET omits the actions; creating a compliance policy without its block action fails.
  expand: "scheduledActionsForRule($expand=scheduledActionConfigurations)",
  nestedKey: "scheduledActionConfigurations",
  minItems: 1,
};

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
    normalization: {
      stripPaths: ["settingCount", "isAssigned"],
      unorderedArrays: [{ path: "settings", sortBy: ["settingInstance.settingDefinitionId"] }],
    },
  }),
  roleScopeTags: foundation({
    label: "Scope tag",
    collectionPath: "deviceManagement/roleScopeTags",
    apiVersion: "beta",
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
    assignBodyKey: "enrollmentConfigurationAssignments",
    supportsNameFilter: false,
  }),
  windowsAutopilotDeploymentProfiles: policy({
    label: "Windows Autopilot deployment profile",
    collectionPath: "deviceManagement/windowsAutopilotDeploymentProfiles",
    apiVersion: "beta",
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
    // Graph cannot recreate an intent from a template version of our choosing: preview only.
    restoreSupport: "previewOnly",
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
    supportsNameFilter: false,
    subResources: [{ kind: "collection", key: "localizedNotificationMessages", requestCount: true }],
    dependsOn: [SCOPE_TAGS],
    normalization: { unorderedArrays: [{ path: "localizedNotificationMessages", sortBy: ["locale"] }] },
  }),
} satisfies Record<string, ContractDefinition>;
