// Windows Autopilot deployment profiles (beta): Entra-joined or hybrid-joined, with the
// out-of-box experience settings nested in `outOfBoxExperienceSettings`.

import type { SeedObject } from "../types.ts";
import { COMMON_VARIANTS, type ObjectTypeDefinition, variantSuffix } from "./definition.ts";

const PROFILES = [
  { odataType: "azureADWindowsAutopilotDeploymentProfile", topic: "User-driven", deviceUsageType: "singleUser", whiteGlove: false },
  { odataType: "azureADWindowsAutopilotDeploymentProfile", topic: "Pre-provisioned", deviceUsageType: "singleUser", whiteGlove: true },
  { odataType: "azureADWindowsAutopilotDeploymentProfile", topic: "Self-deploying Kiosk", deviceUsageType: "shared", whiteGlove: false },
  { odataType: "activeDirectoryWindowsAutopilotDeploymentProfile", topic: "Hybrid Join", deviceUsageType: "singleUser", whiteGlove: false },
] as const;

export const windowsAutopilotDeploymentProfiles: ObjectTypeDefinition = {
  key: "windowsAutopilotDeploymentProfiles",
  collectionPath: "deviceManagement/windowsAutopilotDeploymentProfiles",
  entityODataType: "#microsoft.graph.windowsAutopilotDeploymentProfile",
  polymorphic: true,
  nameProperty: "displayName",
  foundation: false,
  defaultPageSize: 50,
  maxPageSize: 100,
  versioned: false,
  assignable: true,
  nameFilter: true,
  seed(context, count) {
    const profiles: SeedObject[] = [];
    for (let index = 0; index < count; index++) {
      const profile = PROFILES[index % PROFILES.length] as (typeof PROFILES)[number];
      const displayName = `${context.tenantName} - Autopilot - ${profile.topic}${variantSuffix(index, PROFILES.length, COMMON_VARIANTS)}`;
      const id = context.guid("windowsAutopilotDeploymentProfiles", displayName);
      profiles.push({
        "@odata.type": `#microsoft.graph.${profile.odataType}`,
        id,
        displayName,
        description: context.random.chance(0.5) ? `${profile.topic} deployment` : "",
        language: context.random.pick(["os-default", "en-US", "de-DE"]),
        ...context.timestamps(),
        outOfBoxExperienceSettings: {
          "@odata.type": "microsoft.graph.outOfBoxExperienceSettings",
          hidePrivacySettings: true,
          hideEULA: true,
          userType: context.random.pick(["standard", "standard", "administrator"]),
          deviceUsageType: profile.deviceUsageType,
          skipKeyboardSelectionPage: context.random.chance(0.7),
          hideEscapeLink: true,
        },
        enrollmentStatusScreenSettings: null,
        extractHardwareHash: context.random.chance(0.5),
        deviceNameTemplate: `${context.tenantName.slice(0, 4).toUpperCase()}-%SERIAL%`,
        deviceType: "windowsPc",
        enableWhiteGlove: profile.whiteGlove,
        roleScopeTagIds: context.roleScopeTagIds(),
        managementServiceAppId: null,
        ...(profile.odataType === "activeDirectoryWindowsAutopilotDeploymentProfile"
          ? { hybridAzureADJoinSkipConnectivityCheck: false }
          : {}),
        assignments: context.assignmentsFor(id),
      });
    }
    return profiles;
  },
};
