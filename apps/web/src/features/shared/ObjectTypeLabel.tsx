import type { ContractKey } from "@atlas/graph-client";
import { Group, Text } from "@mantine/core";
import { useLabels } from "../../i18n/useLabels";
import { isLabelled } from "../../i18n/useLabels";

/** One symbol per Intune (and Entra) object type, so a list of mixed types can be scanned by eye. */
const objectTypeIcon = {
  deviceConfigurations: "⚙️",
  deviceCompliancePolicies: "✅",
  configurationPolicies: "🗂️",
  roleScopeTags: "🏷️",
  assignmentFilters: "🔎",
  groupPolicyConfigurations: "📑",
  deviceEnrollmentConfigurations: "📥",
  windowsAutopilotDeploymentProfiles: "🚀",
  deviceManagementScripts: "📜",
  deviceHealthScripts: "🩺",
  intents: "🛡️",
  notificationMessageTemplates: "✉️",
  iosManagedAppProtections: "📱",
  androidManagedAppProtections: "🤖",
  windowsManagedAppProtections: "🪟",
  windowsFeatureUpdateProfiles: "⬆️",
  windowsQualityUpdateProfiles: "🩹",
  windowsDriverUpdateProfiles: "🔌",
  mobileAppConfigurations: "🧩",
  targetedManagedAppConfigurations: "🎛️",
  deviceShellScripts: "🐚",
  deviceCustomAttributeShellScripts: "🏷️",
  deviceComplianceScripts: "✅",
  deviceCategories: "🗂️",
  termsAndConditions: "📜",
  reusablePolicySettings: "♻️",
  roleDefinitions: "👮",
  roleAssignments: "🪪",
  depOnboardingSettings: "🍏",
  namedLocations: "📍",
  conditionalAccessPolicies: "🔐",
  mobileApps: "📲",
} as const satisfies Record<ContractKey, string>;

export function objectTypeIconOf(key: string): string {
  return isLabelled("objectType", key) ? objectTypeIcon[key] : "📦";
}

/** An object type's icon and name; the raw key stays in data-type for tests and support. */
export function ObjectTypeLabel({ type, size = "sm", suffix }: { type: string; size?: string; suffix?: string }) {
  const labels = useLabels();
  return (
    <Group gap={6} wrap="nowrap" component="span" data-type={type} style={{ display: "inline-flex", maxWidth: "100%" }}>
      <span aria-hidden="true">{objectTypeIconOf(type)}</span>
      <Text span size={size} className="truncate">
        {labels.objectType(type)}
        {suffix}
      </Text>
    </Group>
  );
}
