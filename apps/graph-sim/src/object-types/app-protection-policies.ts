// App protection (MAM) policies (beta, deviceAppManagement): iOS, Android and Windows. Each policy
// protects a list of apps, its contained `apps` collection (managedMobileApp: an app identifier of
// the policy's platform), which a plain GET omits; Graph writes that list only through the bound
// action `POST /{id}/targetApps { apps, appGroupType? }`, which replaces it. Assignments are
// targetedManagedAppPolicyAssignments (groups; `/assign` with `assignments`).

import type {
  AndroidManagedAppProtection,
  IosManagedAppProtection,
  ManagedAppProtection,
  ManagedMobileApp,
  WindowsManagedAppProtection,
} from "@microsoft/microsoft-graph-types-beta";
import { deterministicGuid } from "../deterministic.ts";
import type { SeedObject, SimObject } from "../types.ts";
import { COMMON_VARIANTS, type ObjectAction, type ObjectTypeDefinition, type SeedContext, variantSuffix } from "./definition.ts";

type Platform = "ios" | "android" | "windows";

/** The app identifier type and its id property per platform, as Graph requires them in `apps`. */
const APP_IDENTIFIERS: Record<Platform, { odataType: string; property: string }> = {
  ios: { odataType: "#microsoft.graph.iosMobileAppIdentifier", property: "bundleId" },
  android: { odataType: "#microsoft.graph.androidMobileAppIdentifier", property: "packageId" },
  windows: { odataType: "#microsoft.graph.windowsAppIdentifier", property: "windowsAppId" },
};

const CORE_APPS: Record<Platform, readonly string[]> = {
  ios: [
    "com.microsoft.office.outlook",
    "com.microsoft.skype.teams",
    "com.microsoft.skydrive",
    "com.microsoft.msedge",
    "com.microsoft.office.word",
    "com.microsoft.office.excel",
    "com.microsoft.office.powerpoint",
    "com.microsoft.sharepoint",
  ],
  android: [
    "com.microsoft.office.outlook",
    "com.microsoft.teams",
    "com.microsoft.skydrive",
    "com.microsoft.emmx",
    "com.microsoft.office.word",
    "com.microsoft.office.excel",
    "com.microsoft.office.powerpoint",
    "com.microsoft.sharepoint",
  ],
  windows: ["com.microsoft.edge"],
};

const TOPICS = ["Corporate Data Protection", "BYOD Baseline", "Frontline Shared", "Executives Strict"] as const;

/** A managedMobileApp of the platform; ids are per policy, as Graph's are. */
function managedApp(platform: Platform, policyId: string, appId: string): SimObject {
  const identifier = APP_IDENTIFIERS[platform];
  const app: ManagedMobileApp & { id: string } = {
    id: deterministicGuid(policyId, "apps", appId),
    mobileAppIdentifier: { "@odata.type": identifier.odataType, [identifier.property]: appId } as ManagedMobileApp["mobileAppIdentifier"],
    version: "-1",
  };
  return { "@odata.type": "#microsoft.graph.managedMobileApp", ...app };
}

/** Refuses app identifiers of another platform, like Graph's targetApps does. */
function appsProblem(platform: Platform, apps: unknown): string | undefined {
  if (!Array.isArray(apps)) return "The request body must contain an 'apps' array.";
  const expected = APP_IDENTIFIERS[platform];
  for (const [index, app] of apps.entries()) {
    const identifier = (app as { mobileAppIdentifier?: Record<string, unknown> } | null)?.mobileAppIdentifier;
    if (identifier?.["@odata.type"] !== expected.odataType || typeof identifier[expected.property] !== "string") {
      return `App ${index} needs a mobileAppIdentifier of type '${expected.odataType.slice(1)}' with '${expected.property}'.`;
    }
  }
  return undefined;
}

function targetAppsAction(platform: Platform): ObjectAction {
  return ({ stored, body }) => {
    const problem = appsProblem(platform, body.apps);
    if (problem) return problem;
    const apps = body.apps as Record<string, unknown>[];
    stored.children.apps = apps.map((app) => {
      const identifier = app.mobileAppIdentifier as Record<string, unknown>;
      return managedApp(platform, stored.body.id, String(identifier[APP_IDENTIFIERS[platform].property]));
    });
    if (platform !== "windows" && typeof body.appGroupType === "string") stored.body.appGroupType = body.appGroupType;
    return undefined;
  };
}

function iosPolicy(context: SeedContext, common: CommonProperties, strict: boolean): IosManagedAppProtection & CommonProperties {
  return {
    ...sharedMobileSettings(context, strict),
    ...common,
    isAssigned: false,
    appGroupType: "selectedPublicApps",
    targetedAppManagementLevels: context.random.pick(["unspecified", "unmanaged", "mdm"] as const),
    appDataEncryptionType: strict ? "whenDeviceLocked" : "whenDeviceLockedExceptOpenFiles",
    minimumRequiredSdkVersion: null,
    faceIdBlocked: false,
    exemptedAppProtocols: [{ name: "Default", value: "skype;app-settings;calshow;itms;itmss;itms-apps;itms-appss;itms-services;" }],
    minimumWipeSdkVersion: null,
    allowedIosDeviceModels: null,
    appActionIfIosDeviceModelNotAllowed: "block",
    thirdPartyKeyboardsBlocked: strict,
    filterOpenInToOnlyManagedApps: false,
    disableProtectionOfManagedOutboundOpenInData: false,
    protectInboundDataFromUnknownSources: false,
    customBrowserProtocol: null,
    deployedAppCount: CORE_APPS.ios.length,
  };
}

function androidPolicy(context: SeedContext, common: CommonProperties, strict: boolean): AndroidManagedAppProtection & CommonProperties {
  return {
    ...sharedMobileSettings(context, strict),
    ...common,
    isAssigned: false,
    appGroupType: "selectedPublicApps",
    targetedAppManagementLevels: context.random.pick(["unspecified", "unmanaged", "androidEnterprise"] as const),
    screenCaptureBlocked: strict,
    disableAppEncryptionIfDeviceEncryptionIsEnabled: false,
    encryptAppData: true,
    deployedAppCount: CORE_APPS.android.length,
    minimumRequiredPatchVersion: "2024-01-01",
    minimumWarningPatchVersion: null,
    exemptedAppPackages: [],
    minimumWipePatchVersion: null,
    allowedAndroidDeviceManufacturers: null,
    appActionIfAndroidDeviceManufacturerNotAllowed: "block",
    requiredAndroidSafetyNetDeviceAttestationType: strict ? "basicIntegrityAndDeviceCertification" : "none",
    appActionIfAndroidSafetyNetDeviceAttestationFailed: "block",
    keyboardsRestricted: false,
    approvedKeyboards: [],
    customBrowserPackageId: null,
    customBrowserDisplayName: null,
    biometricAuthenticationBlocked: false,
    fingerprintAndBiometricEnabled: true,
  };
}

function windowsPolicy(context: SeedContext, common: CommonProperties, strict: boolean): WindowsManagedAppProtection & CommonProperties {
  return {
    ...common,
    isAssigned: false,
    allowedInboundDataTransferSources: strict ? "none" : "allApps",
    allowedOutboundClipboardSharingLevel: strict ? "none" : "anyDestinationAnySource",
    allowedOutboundDataTransferDestinations: strict ? "none" : "allApps",
    appActionIfUnableToAuthenticateUser: "block",
    maximumAllowedDeviceThreatLevel: context.random.pick(["notConfigured", "secured", "low"] as const),
    mobileThreatDefenseRemediationAction: "block",
    minimumRequiredAppVersion: null,
    minimumRequiredOsVersion: "10.0.22621.0",
    minimumRequiredSdkVersion: null,
    minimumWarningAppVersion: null,
    minimumWarningOsVersion: null,
    minimumWipeAppVersion: null,
    minimumWipeOsVersion: null,
    minimumWipeSdkVersion: null,
    periodOfflineBeforeAccessCheck: "PT12H",
    periodOfflineBeforeWipeIsEnforced: "P90D",
    printBlocked: strict,
    deployedAppCount: CORE_APPS.windows.length,
  };
}

interface CommonProperties {
  id: string;
  displayName: string;
  description: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  roleScopeTagIds: string[];
  version: string;
}

/** Settings iOS and Android policies share (ManagedAppProtection in Graph's model). */
function sharedMobileSettings(context: SeedContext, strict: boolean): Omit<ManagedAppProtection, keyof CommonProperties> {
  return {
    periodOfflineBeforeAccessCheck: "PT12H",
    periodOnlineBeforeAccessCheck: "PT30M",
    allowedInboundDataTransferSources: strict ? "managedApps" : "allApps",
    allowedOutboundDataTransferDestinations: "managedApps",
    organizationalCredentialsRequired: false,
    allowedOutboundClipboardSharingLevel: strict ? "managedApps" : "managedAppsWithPasteIn",
    dataBackupBlocked: true,
    deviceComplianceRequired: true,
    managedBrowserToOpenLinksRequired: strict,
    saveAsBlocked: strict,
    periodOfflineBeforeWipeIsEnforced: "P90D",
    pinRequired: true,
    maximumPinRetries: context.random.pick([5, 8, 10]),
    simplePinBlocked: strict,
    minimumPinLength: strict ? 6 : 4,
    pinCharacterSet: "numeric",
    periodBeforePinReset: "PT0S",
    allowedDataStorageLocations: ["oneDriveForBusiness", "sharePoint"],
    contactSyncBlocked: false,
    printBlocked: strict,
    fingerprintBlocked: false,
    disableAppPinIfDevicePinIsSet: !strict,
    minimumRequiredOsVersion: strict ? "17.0" : null,
    minimumWarningOsVersion: null,
    minimumRequiredAppVersion: null,
    minimumWarningAppVersion: null,
    minimumWipeOsVersion: null,
    minimumWipeAppVersion: null,
    appActionIfDeviceComplianceRequired: "block",
    appActionIfMaximumPinRetriesExceeded: "block",
    pinRequiredInsteadOfBiometricTimeout: "PT30M",
    allowedOutboundClipboardSharingExceptionLength: 0,
    notificationRestriction: strict ? "blockOrganizationalData" : "allow",
    previousPinBlockCount: 0,
    managedBrowser: strict ? "microsoftEdge" : "notConfigured",
    maximumAllowedDeviceThreatLevel: "notConfigured",
    mobileThreatDefenseRemediationAction: "block",
    blockDataIngestionIntoOrganizationDocuments: false,
    allowedDataIngestionLocations: ["oneDriveForBusiness", "sharePoint", "camera", "photoLibrary"],
    appActionIfUnableToAuthenticateUser: null,
    dialerRestrictionLevel: "allApps",
    gracePeriodToBlockAppsDuringOffClockHours: null,
  };
}

const BUILDERS = { ios: iosPolicy, android: androidPolicy, windows: windowsPolicy } as const;
const PLATFORM_LABEL: Record<Platform, string> = { ios: "iOS", android: "Android", windows: "Windows" };

function appProtectionType(platform: Platform, key: string, odataType: string): ObjectTypeDefinition {
  return {
    key,
    collectionPath: `deviceAppManagement/${key}`,
    entityODataType: odataType,
    polymorphic: false,
    nameProperty: "displayName",
    foundation: false,
    defaultPageSize: 50,
    maxPageSize: 100,
    versioned: false,
    assignable: true,
    // Graph keeps these itself: whether the policy is assigned and how many apps it reaches.
    serverManaged: { isAssigned: false, deployedAppCount: 0 },
    subCollections: [{ name: "apps", pageSize: 50 }],
    actions: { targetApps: targetAppsAction(platform) },
    seed(context, count) {
      const policies: SeedObject[] = [];
      for (let index = 0; index < count; index++) {
        const topic = TOPICS[index % TOPICS.length] as (typeof TOPICS)[number];
        const displayName = `${context.tenantName} - ${PLATFORM_LABEL[platform]} APP - ${topic}${variantSuffix(index, TOPICS.length, COMMON_VARIANTS)}`;
        const id = context.guid(key, displayName);
        const strict = topic === "Executives Strict";
        const common: CommonProperties = {
          id,
          displayName,
          description: context.random.chance(0.6) ? `${topic} for ${PLATFORM_LABEL[platform]} apps` : "",
          ...context.timestamps(),
          roleScopeTagIds: context.roleScopeTagIds(),
          version: `"${id.slice(0, 8)}"`,
        };
        const appCount = platform === "windows" ? 1 : context.random.int(3, CORE_APPS[platform].length);
        const assignments = context.assignmentsFor(id).filter((assignment) => !isDeviceTarget(assignment));
        // Every other policy is assigned at least to a group: most MAM policies in a tenant are in use.
        if (assignments.length === 0 && index % 2 === 0) assignments.push(groupAssignment(context, id));
        policies.push({
          "@odata.type": odataType,
          ...BUILDERS[platform](context, common, strict),
          isAssigned: assignments.length > 0,
          apps: CORE_APPS[platform].slice(0, appCount).map((appId) => managedApp(platform, id, appId)),
          assignments,
        });
      }
      return policies;
    },
  };
}

function groupAssignment(context: SeedContext, policyId: string): SimObject {
  const group = context.random.pick(context.groups);
  return {
    id: `${policyId}_${group.id}`,
    source: "direct",
    sourceId: policyId,
    target: {
      "@odata.type": "#microsoft.graph.groupAssignmentTarget",
      deviceAndAppManagementAssignmentFilterId: null,
      deviceAndAppManagementAssignmentFilterType: "none",
      groupId: group.id,
    },
  };
}

/** App protection targets users: Graph refuses "all devices" for it. */
function isDeviceTarget(assignment: SimObject): boolean {
  return (assignment.target as { "@odata.type"?: string } | undefined)?.["@odata.type"] === "#microsoft.graph.allDevicesAssignmentTarget";
}

export const iosManagedAppProtections = appProtectionType("ios", "iosManagedAppProtections", "#microsoft.graph.iosManagedAppProtection");
export const androidManagedAppProtections = appProtectionType(
  "android",
  "androidManagedAppProtections",
  "#microsoft.graph.androidManagedAppProtection",
);
export const windowsManagedAppProtections = appProtectionType(
  "windows",
  "windowsManagedAppProtections",
  "#microsoft.graph.windowsManagedAppProtection",
);
