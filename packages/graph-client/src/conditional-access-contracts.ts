// Entra Conditional Access in the contract registry: named locations (a foundation: policies
// reference them by id) and the policies themselves. Neither has assignments or scope tags; a
// policy names its users and groups inside `conditions.users`, which a restore maps like assignment
// groups. A restored policy arrives report-only unless the operator switches it on in the preview
// (`enforcement`), because an enforced policy copied into another tenant can lock its admins out.

import type { ContractDefinition, GraphPermissions, UnorderedArray } from "./contract-types.ts";
import { foundation, policy } from "./contract-entry-builders.ts";

/** Microsoft's least privileged permissions for reading and writing Conditional Access. */
const CONDITIONAL_ACCESS_PERMISSIONS: GraphPermissions = { read: "Policy.Read.All", write: "Policy.ReadWrite.ConditionalAccess" };

/** Keywords Graph accepts where a policy names users, never user ids. */
export const USER_KEYWORDS = ["All", "None", "GuestsOrExternalUsers"] as const;
/** Keywords where a policy names locations: every location, the trusted ones, the legacy MFA trusted IPs. */
export const LOCATION_KEYWORDS = ["All", "AllTrusted", "00000000-0000-0000-0000-000000000000"] as const;

/** Arrays of a policy whose order carries no meaning (sets of ids, keywords or levels). */
const POLICY_SETS = [
  "conditions.users.includeUsers",
  "conditions.users.excludeUsers",
  "conditions.users.includeGroups",
  "conditions.users.excludeGroups",
  "conditions.users.includeRoles",
  "conditions.users.excludeRoles",
  "conditions.applications.includeApplications",
  "conditions.applications.excludeApplications",
  "conditions.applications.includeUserActions",
  "conditions.locations.includeLocations",
  "conditions.locations.excludeLocations",
  "conditions.platforms.includePlatforms",
  "conditions.platforms.excludePlatforms",
  "conditions.clientAppTypes",
  "conditions.signInRiskLevels",
  "conditions.userRiskLevels",
  "grantControls.builtInControls",
  "grantControls.customAuthenticationFactors",
  "grantControls.termsOfUse",
].map((path): UnorderedArray => ({ path }));

export const namedLocationsContract: ContractDefinition = foundation({
  label: "Named location (Conditional Access)",
  collectionPath: "identity/conditionalAccess/namedLocations",
  apiVersion: "beta",
  permissions: CONDITIONAL_ACCESS_PERMISSIONS,
  supportsNameFilter: false,
  normalization: {
    // The service's change marker next to createdDateTime.
    stripPaths: ["modifiedDateTime"],
    unorderedArrays: [{ path: "ipRanges", sortBy: ["@odata.type", "cidrAddress"] }, { path: "countriesAndRegions" }],
  },
});

export const conditionalAccessPoliciesContract: ContractDefinition = policy({
  label: "Conditional Access policy",
  collectionPath: "identity/conditionalAccess/policies",
  apiVersion: "beta",
  permissions: CONDITIONAL_ACCESS_PERMISSIONS,
  hasAssignments: false,
  supportsNameFilter: false,
  dependsOn: [
    { foundation: "namedLocations", path: "conditions.locations.includeLocations[]", ignoreValues: LOCATION_KEYWORDS },
    { foundation: "namedLocations", path: "conditions.locations.excludeLocations[]", ignoreValues: LOCATION_KEYWORDS },
  ],
  directoryReferences: [
    { kind: "groups", path: "conditions.users.includeGroups[]" },
    { kind: "groups", path: "conditions.users.excludeGroups[]" },
    { kind: "users", path: "conditions.users.includeUsers[]", ignoreValues: USER_KEYWORDS },
    { kind: "users", path: "conditions.users.excludeUsers[]", ignoreValues: USER_KEYWORDS },
  ],
  enforcement: {
    property: "state",
    onValue: "enabled",
    safeValue: "enabledForReportingButNotEnforced",
    keptValues: ["disabled"],
    description: "report-only (enabledForReportingButNotEnforced): sign-ins are evaluated and logged, nothing is enforced",
  },
  normalization: {
    // The service's change marker, and the Microsoft template a policy was once created from (read-only).
    stripPaths: ["modifiedDateTime", "templateId"],
    unorderedArrays: POLICY_SETS,
  },
});
