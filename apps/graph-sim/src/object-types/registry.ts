// The one list of object types the simulator serves. Order matters for seeding: foundations first,
// so policies can reference the scope tags and filters seeded before them.

import { mobileAppConfigurations, targetedManagedAppConfigurations } from "./app-configurations.ts";
import { androidManagedAppProtections, iosManagedAppProtections, windowsManagedAppProtections } from "./app-protection-policies.ts";
import { assignmentFilters } from "./assignment-filters.ts";
import { conditionalAccessPolicies } from "./conditional-access-policies.ts";
import { configurationPolicies } from "./configuration-policies.ts";
import type { ObjectTypeDefinition } from "./definition.ts";
import { depOnboardingSettings } from "./dep-onboarding-settings.ts";
import { deviceCategories } from "./device-categories.ts";
import { deviceCompliancePolicies } from "./device-compliance-policies.ts";
import { deviceComplianceScripts } from "./device-compliance-scripts.ts";
import { deviceConfigurations } from "./device-configurations.ts";
import { deviceEnrollmentConfigurations } from "./device-enrollment-configurations.ts";
import { deviceHealthScripts } from "./device-health-scripts.ts";
import { deviceManagementScripts } from "./device-management-scripts.ts";
import { groupPolicyConfigurations } from "./group-policy-configurations.ts";
import { intents } from "./intents.ts";
import { mobileApps } from "./mobile-apps.ts";
import { deviceCustomAttributeShellScripts, deviceShellScripts } from "./macos-shell-scripts.ts";
import { namedLocations } from "./named-locations.ts";
import { notificationMessageTemplates } from "./notification-message-templates.ts";
import { reusablePolicySettings } from "./reusable-policy-settings.ts";
import { roleAssignments } from "./role-assignments.ts";
import { roleDefinitions } from "./role-definitions.ts";
import { roleScopeTags } from "./role-scope-tags.ts";
import { termsAndConditions } from "./terms-and-conditions.ts";
import { windowsAutopilotDeploymentProfiles } from "./windows-autopilot-deployment-profiles.ts";
import { windowsDriverUpdateProfiles, windowsFeatureUpdateProfiles, windowsQualityUpdateProfiles } from "./windows-update-profiles.ts";

export const OBJECT_TYPES: readonly ObjectTypeDefinition[] = [
  roleScopeTags,
  assignmentFilters,
  // Before compliance policies: their scheduled notification actions reference templates.
  notificationMessageTemplates,
  // Before compliance policies: custom compliance policies reference them.
  deviceComplianceScripts,
  // Before settings catalog policies: their firewall rules reference reusable settings.
  reusablePolicySettings,
  deviceConfigurations,
  deviceCompliancePolicies,
  configurationPolicies,
  groupPolicyConfigurations,
  deviceEnrollmentConfigurations,
  windowsAutopilotDeploymentProfiles,
  deviceManagementScripts,
  deviceHealthScripts,
  intents,
  iosManagedAppProtections,
  androidManagedAppProtections,
  windowsManagedAppProtections,
  windowsFeatureUpdateProfiles,
  windowsQualityUpdateProfiles,
  windowsDriverUpdateProfiles,
  // The app catalog: app configurations name the app they configure by its id here.
  mobileApps,
  mobileAppConfigurations,
  targetedManagedAppConfigurations,
  deviceShellScripts,
  deviceCustomAttributeShellScripts,
  deviceCategories,
  termsAndConditions,
  roleDefinitions,
  // After the roles they grant.
  roleAssignments,
  depOnboardingSettings,
  // Before the policies: they reference named locations by id.
  namedLocations,
  conditionalAccessPolicies,
];

const typesByKey = new Map(OBJECT_TYPES.map((type) => [type.key, type]));

export function findObjectType(key: string): ObjectTypeDefinition | undefined {
  return typesByKey.get(key);
}

export function requireObjectType(key: string): ObjectTypeDefinition {
  const type = typesByKey.get(key);
  if (!type) throw new Error(`Unknown object type '${key}'. Known: ${OBJECT_TYPES.map((t) => t.key).join(", ")}`);
  return type;
}

/** Finds the type whose collection path is a prefix of the given path segments. */
export function resolveCollection(segments: readonly string[]): { type: ObjectTypeDefinition; rest: string[] } | undefined {
  for (const type of OBJECT_TYPES) {
    const typeSegments = type.collectionPath.split("/");
    if (typeSegments.every((segment, index) => segments[index] === segment)) {
      return { type, rest: segments.slice(typeSegments.length) };
    }
  }
  return undefined;
}
