// Device configuration profiles: a polymorphic collection (each item's `@odata.type` names its
// platform/profile kind) with platform-specific properties next to the common ones.

import type { SeededRandom } from "../deterministic.ts";
import type { SeedObject } from "../types.ts";
import { COMMON_VARIANTS, type ObjectTypeDefinition, variantSuffix } from "./definition.ts";

interface ProfileTemplate {
  odataType: string;
  platform: string;
  topic: string;
  properties(random: SeededRandom, tenantName: string): Record<string, unknown>;
}

const PROFILE_TEMPLATES: readonly ProfileTemplate[] = [
  {
    odataType: "windows10GeneralConfiguration",
    platform: "Win",
    topic: "Device Restrictions",
    properties: (random) => ({
      passwordRequired: true,
      passwordMinimumLength: random.int(8, 14),
      passwordBlockSimple: true,
      screenCaptureBlocked: random.chance(0.3),
      cameraBlocked: false,
      bluetoothBlocked: false,
      defenderRequireRealTimeMonitoring: true,
      edgeBlockPopups: true,
      smartScreenEnableAppInstallControl: random.chance(0.5),
    }),
  },
  {
    odataType: "windows10EndpointProtectionConfiguration",
    platform: "Win",
    topic: "Endpoint Protection",
    properties: (random) => ({
      firewallBlockStatefulFTP: true,
      firewallProfileDomain: { firewallEnabled: "allowed", inboundConnectionsBlocked: true, outboundConnectionsBlocked: false },
      bitLockerEncryptDevice: true,
      bitLockerDisableWarningForOtherDiskEncryption: true,
      applicationGuardEnabled: random.chance(0.4),
      smartScreenBlockOverrideForFiles: true,
    }),
  },
  {
    odataType: "windows10CustomConfiguration",
    platform: "Win",
    topic: "Custom OMA-URI",
    properties: (random) => ({
      omaSettings: [
        {
          "@odata.type": "#microsoft.graph.omaSettingInteger",
          displayName: "Disable consumer features",
          description: null,
          omaUri: "./Device/Vendor/MSFT/Policy/Config/Experience/AllowWindowsConsumerFeatures",
          value: random.int(0, 1),
          isReadOnly: false,
        },
      ],
    }),
  },
  {
    odataType: "windowsUpdateForBusinessConfiguration",
    platform: "Win",
    topic: "Update Ring",
    properties: (random) => ({
      deliveryOptimizationMode: "httpWithPeeringNat",
      automaticUpdateMode: "autoInstallAtMaintenanceTime",
      qualityUpdatesDeferralPeriodInDays: random.int(0, 7),
      featureUpdatesDeferralPeriodInDays: random.int(0, 60),
      qualityUpdatesPaused: false,
      featureUpdatesPaused: false,
      businessReadyUpdatesOnly: "businessReadyOnly",
      deadlineForQualityUpdatesInDays: random.int(2, 7),
    }),
  },
  {
    odataType: "windowsWifiConfiguration",
    platform: "Win",
    topic: "Wi-Fi",
    properties: (_random, tenantName) => ({
      ssid: `${tenantName}-Corp`,
      networkName: `${tenantName} Corporate`,
      wifiSecurityType: "wpa2Personal",
      connectAutomatically: true,
      connectWhenNetworkNameIsHidden: false,
    }),
  },
  {
    odataType: "windowsDeliveryOptimizationConfiguration",
    platform: "Win",
    topic: "Delivery Optimization",
    properties: (random) => ({
      deliveryOptimizationMode: "httpWithPeeringNat",
      restrictPeerSelectionBy: random.pick(["notConfigured", "subnetMask"]),
      minimumRamAllowedToPeerInGigabytes: 4,
    }),
  },
  {
    odataType: "iosGeneralDeviceConfiguration",
    platform: "iOS",
    topic: "Device Restrictions",
    properties: (random) => ({
      passcodeRequired: true,
      passcodeMinimumLength: random.pick([4, 6, 8]),
      cameraBlocked: false,
      iCloudBlockBackup: random.chance(0.5),
      appStoreBlocked: false,
    }),
  },
  {
    odataType: "iosDeviceFeaturesConfiguration",
    platform: "iOS",
    topic: "Device Features",
    properties: (_random, tenantName) => ({
      lockScreenFootnote: `Property of ${tenantName}`,
      assetTagTemplate: "{{serialnumber}}",
    }),
  },
  {
    odataType: "macOSGeneralDeviceConfiguration",
    platform: "macOS",
    topic: "Device Restrictions",
    properties: (random) => ({
      passwordRequired: true,
      passwordMinimumLength: random.int(8, 14),
      airDropBlocked: random.chance(0.5),
    }),
  },
  {
    odataType: "macOSCustomConfiguration",
    platform: "macOS",
    topic: "Custom Profile",
    properties: (_random, tenantName) => ({
      payloadName: `${tenantName} login window`,
      payloadFileName: "loginwindow.mobileconfig",
      payload: Buffer.from(`<plist><dict><key>LoginwindowText</key><string>${tenantName}</string></dict></plist>`).toString("base64"),
    }),
  },
  {
    odataType: "androidWorkProfileGeneralDeviceConfiguration",
    platform: "Android",
    topic: "Work Profile Restrictions",
    properties: (random) => ({
      passwordRequired: true,
      passwordMinimumLength: random.int(4, 8),
      workProfileBlockCamera: false,
      workProfileDataSharingType: "preventAny",
    }),
  },
  {
    odataType: "androidDeviceOwnerGeneralDeviceConfiguration",
    platform: "Android",
    topic: "Dedicated Devices",
    properties: (random) => ({
      screenCaptureBlocked: true,
      kioskModeScreenSaverConfigurationEnabled: false,
      statusBarBlocked: random.chance(0.5),
    }),
  },
];

export const deviceConfigurations: ObjectTypeDefinition = {
  key: "deviceConfigurations",
  collectionPath: "deviceManagement/deviceConfigurations",
  entityODataType: "#microsoft.graph.deviceConfiguration",
  polymorphic: true,
  nameProperty: "displayName",
  foundation: false,
  defaultPageSize: 50,
  maxPageSize: 100,
  versioned: true,
  assignable: true,
  nameFilter: true,
  // Computed by the service from the profile type.
  serverManaged: { supportsScopeTags: true },
  seed(context, count) {
    const profiles: SeedObject[] = [];
    for (let index = 0; index < count; index++) {
      const template = PROFILE_TEMPLATES[index % PROFILE_TEMPLATES.length] as ProfileTemplate;
      const suffix = variantSuffix(index, PROFILE_TEMPLATES.length, COMMON_VARIANTS);
      const displayName = `${context.tenantName} - ${template.platform} - ${template.topic}${suffix}`;
      const id = context.guid("deviceConfigurations", displayName);
      const { createdDateTime, lastModifiedDateTime } = context.timestamps();
      profiles.push({
        "@odata.type": `#microsoft.graph.${template.odataType}`,
        id,
        lastModifiedDateTime,
        roleScopeTagIds: context.roleScopeTagIds(),
        supportsScopeTags: true,
        deviceManagementApplicabilityRuleOsEdition: null,
        deviceManagementApplicabilityRuleOsVersion: null,
        deviceManagementApplicabilityRuleDeviceMode: null,
        createdDateTime,
        description: context.random.chance(0.7) ? `${template.topic} for ${context.tenantName}${suffix}` : "",
        displayName,
        version: context.random.int(1, 9),
        ...template.properties(context.random, context.tenantName),
        assignments: context.assignmentsFor(id, { intent: "apply" }),
      });
    }
    return profiles;
  },
};
