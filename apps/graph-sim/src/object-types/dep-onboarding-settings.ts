// Apple automated device enrollment (beta): each depOnboardingSetting is the tenant's connection to
// Apple Business Manager, made by uploading the token file Apple issues for the tenant's public key
// (an action with the file, not a JSON create: POST of the collection is refused here). Below each
// token the enrollment profiles (iOS/iPadOS and macOS Setup Assistant settings) are a contained,
// paged collection. Sync state and the token's expiry are Apple's and the service's.

import type { DepIOSEnrollmentProfile, DepMacOSEnrollmentProfile, DepOnboardingSetting } from "@microsoft/microsoft-graph-types-beta";
import type { SeedObject, SimObject } from "../types.ts";
import type { ObjectTypeDefinition, SeedContext } from "./definition.ts";

type Typed<T> = T & { "@odata.type": string; id: string };

function iosProfile(context: SeedContext, tokenId: string, displayName: string, shared: boolean): Typed<DepIOSEnrollmentProfile> {
  return {
    "@odata.type": "#microsoft.graph.depIOSEnrollmentProfile",
    id: context.guid("enrollmentProfiles", tokenId, displayName),
    displayName,
    description: shared ? "Shared iPads in the stores: no user affinity, temporary sessions" : "Company iPhones with user affinity",
    requiresUserAuthentication: !shared,
    configurationEndpointUrl: "https://appleconfigurator2.manage.microsoft.com/MDMServiceConfig?id=placeholder",
    enableAuthenticationViaCompanyPortal: false,
    requireCompanyPortalOnSetupAssistantEnrolledDevices: false,
    isDefault: !shared,
    supervisedModeEnabled: true,
    supportDepartment: `${context.tenantName} IT service desk`,
    supportPhoneNumber: "+1 425 555 0100",
    isMandatory: true,
    locationDisabled: false,
    profileRemovalDisabled: true,
    restoreBlocked: true,
    appleIdDisabled: shared,
    termsAndConditionsDisabled: true,
    touchIdDisabled: false,
    applePayDisabled: true,
    siriDisabled: shared,
    diagnosticsDisabled: true,
    enabledSkipKeys: shared ? ["AppleID", "Siri", "Privacy", "Payment"] : ["Privacy", "Payment"],
    enrollmentTimeAzureAdGroupIds: [],
    iTunesPairingMode: "disallow",
    enableSharedIPad: shared,
    sharedIPadMaximumUserCount: shared ? 8 : 0,
    forceTemporarySession: shared,
    temporarySessionTimeoutInSeconds: shared ? 900 : 0,
    userSessionTimeoutInSeconds: 0,
    deviceNameTemplate: shared ? `${context.tenantName}-iPad-{{SERIAL}}` : null,
  };
}

function macProfile(context: SeedContext, tokenId: string): Typed<DepMacOSEnrollmentProfile> {
  const displayName = "Corporate Mac";
  return {
    "@odata.type": "#microsoft.graph.depMacOSEnrollmentProfile",
    id: context.guid("enrollmentProfiles", tokenId, displayName),
    displayName,
    description: "Company Macs with a managed local administrator",
    requiresUserAuthentication: true,
    configurationEndpointUrl: "https://appleconfigurator2.manage.microsoft.com/MDMServiceConfig?id=placeholder",
    enableAuthenticationViaCompanyPortal: false,
    requireCompanyPortalOnSetupAssistantEnrolledDevices: false,
    isDefault: true,
    supervisedModeEnabled: true,
    supportDepartment: `${context.tenantName} IT service desk`,
    supportPhoneNumber: "+1 425 555 0100",
    isMandatory: true,
    profileRemovalDisabled: true,
    enabledSkipKeys: ["Siri", "ScreenTime", "Privacy"],
    enrollmentTimeAzureAdGroupIds: [],
    fileVaultDisabled: false,
    registrationDisabled: true,
    adminAccountUserName: `${context.tenantName.toLowerCase()}admin`,
    adminAccountFullName: `${context.tenantName} Administrator`,
    // Write-only in Graph: the password is never returned.
    adminAccountPassword: null,
    hideAdminAccount: true,
    autoAdvanceSetupEnabled: false,
  };
}

export const depOnboardingSettings: ObjectTypeDefinition = {
  key: "depOnboardingSettings",
  collectionPath: "deviceManagement/depOnboardingSettings",
  entityODataType: "#microsoft.graph.depOnboardingSetting",
  polymorphic: false,
  nameProperty: "tokenName",
  foundation: false,
  defaultPageSize: 50,
  maxPageSize: 100,
  versioned: false,
  assignable: false,
  subCollections: [{ name: "enrollmentProfiles", pageSize: 50, writable: true }],
  validateCreate: () =>
    "An Apple enrollment token is added by uploading Apple's token file (uploadDepToken), not created from a JSON body.",
  seed(context, count) {
    const tokens: SeedObject[] = [];
    for (let index = 0; index < count; index++) {
      const tokenName = `${context.tenantName} - Apple Business Manager${index > 0 ? ` ${index + 1}` : ""}`;
      const id = context.guid("depOnboardingSettings", tokenName);
      const { lastModifiedDateTime } = context.timestamps();
      const token: Typed<Omit<DepOnboardingSetting, "enrollmentProfiles">> = {
        "@odata.type": "#microsoft.graph.depOnboardingSetting",
        id,
        tokenName,
        appleIdentifier: `abm-admin@${context.tenantName.toLowerCase()}.example`,
        lastModifiedDateTime,
        lastSuccessfulSyncDateTime: lastModifiedDateTime,
        lastSyncTriggeredDateTime: lastModifiedDateTime,
        lastSyncErrorCode: 0,
        tokenExpirationDateTime: "2027-06-30T00:00:00Z",
        tokenType: "dep",
        shareTokenWithSchoolDataSyncService: false,
        dataSharingConsentGranted: true,
        syncedDeviceCount: context.random.int(20, 400),
        roleScopeTagIds: ["0"],
      };
      const enrollmentProfiles: SimObject[] = [
        { ...iosProfile(context, id, "Corporate iPhone", false) },
        { ...iosProfile(context, id, "Shared iPad", true) },
        { ...macProfile(context, id) },
      ];
      tokens.push({ ...token, enrollmentProfiles });
    }
    return tokens;
  },
};
