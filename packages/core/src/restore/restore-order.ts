/**
 * Restore order: foundations first (policies reference them), then policies. Within each group a
 * fixed type order keeps execution and the per-item table stable.
 */
const ORDER = [
  "roleScopeTags",
  "assignmentFilters",
  "notificationMessageTemplates",
  "deviceCompliancePolicies",
  "deviceConfigurations",
  "configurationPolicies",
  "groupPolicyConfigurations",
  "deviceEnrollmentConfigurations",
  "windowsAutopilotDeploymentProfiles",
  "deviceManagementScripts",
  "deviceHealthScripts",
  "intents",
];

export function contractOrder(objectType: string): number {
  const index = ORDER.indexOf(objectType);
  return index === -1 ? ORDER.length : index;
}
