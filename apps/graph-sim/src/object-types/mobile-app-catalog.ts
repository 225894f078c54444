// The demo app catalog of the mobile apps simulator type (mobile-apps.ts): realistic payloads of
// each kind, typed against Graph's beta entity types.

import type {
  AndroidManagedStoreApp,
  IosLobApp,
  IosStoreApp,
  IosStoreAppAssignmentSettings,
  MacOSMicrosoftEdgeApp,
  MacOSPkgApp,
  ManagedAndroidStoreApp,
  ManagedIOSStoreApp,
  OfficeSuiteApp,
  WebApp,
  Win32LobApp,
  Win32LobAppAssignmentSettings,
  WinGetApp,
} from "@microsoft/microsoft-graph-types-beta";
import type { SeedEntity } from "./definition.ts";

// A 1x1 PNG: the admin's icon, shown in Company Portal.
export const ICON = {
  type: "image/png",
  value: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
};

export type AppEntity = SeedEntity<
  | ManagedIOSStoreApp
  | ManagedAndroidStoreApp
  | IosStoreApp
  | AndroidManagedStoreApp
  | WebApp
  | Win32LobApp
  | OfficeSuiteApp
  | WinGetApp
  | MacOSMicrosoftEdgeApp
  | IosLobApp
  | MacOSPkgApp
>;

export interface AppTemplate {
  odataType: string;
  /** Seed id parts: the app configurations name their app by the same parts (app-configurations.ts). */
  idParts: readonly string[];
  displayName(tenant: string): string;
  publisher: string;
  properties(tenant: string): Partial<AppEntity>;
  /** The install settings Graph keeps per assignment for this kind of app. */
  assignmentSettings?: (IosStoreAppAssignmentSettings | Win32LobAppAssignmentSettings) & { "@odata.type": string };
}

const IOS_STORE_SETTINGS = {
  "@odata.type": "#microsoft.graph.iosStoreAppAssignmentSettings",
  vpnConfigurationId: null,
  uninstallOnDeviceRemoval: true,
  isRemovable: false,
  preventManagedAppBackup: true,
  preventAutoAppUpdate: false,
};

const LOB_STATE = { publishingState: "published", uploadState: 1 } as const;

// Microsoft's managed apps first (every tenant has them), then the apps the app configurations
// configure (in the order of their templates), then the rest of a typical catalog.
export const APPS: readonly AppTemplate[] = [
  {
    odataType: "#microsoft.graph.managedIOSStoreApp",
    idParts: ["global", "com.microsoft.Office.Outlook"],
    displayName: () => "Microsoft Outlook",
    publisher: "Microsoft Corporation",
    properties: () => ({
      appAvailability: "global",
      bundleId: "com.microsoft.Office.Outlook",
      appStoreUrl: "https://itunes.apple.com/us/app/microsoft-outlook/id951937596?mt=8",
      applicableDeviceType: { iPad: true, iPhoneAndIPod: true },
      minimumSupportedOperatingSystem: { v16_0: true },
      version: "4.2413.0",
    }),
  },
  {
    odataType: "#microsoft.graph.managedAndroidStoreApp",
    idParts: ["global", "com.microsoft.emmx"],
    displayName: () => "Microsoft Edge",
    publisher: "Microsoft Corporation",
    properties: () => ({
      appAvailability: "global",
      packageId: "com.microsoft.emmx",
      appStoreUrl: "https://play.google.com/store/apps/details?id=com.microsoft.emmx",
      minimumSupportedOperatingSystem: { v8_0: true },
      version: "120.0.2210.115",
    }),
  },
  {
    odataType: "#microsoft.graph.iosStoreApp",
    idParts: ["Outlook iOS", "ios"],
    displayName: () => "Microsoft Outlook",
    publisher: "Microsoft Corporation",
    properties: () => ({
      bundleId: "com.microsoft.Office.Outlook",
      appStoreUrl: "https://apps.apple.com/us/app/microsoft-outlook/id951937596",
      applicableDeviceType: { iPad: true, iPhoneAndIPod: true },
      minimumSupportedOperatingSystem: { v16_0: true },
    }),
    assignmentSettings: IOS_STORE_SETTINGS,
  },
  {
    odataType: "#microsoft.graph.androidManagedStoreApp",
    idParts: ["Edge Android", "android"],
    displayName: () => "Microsoft Edge: AI browser",
    publisher: "Microsoft Corporation",
    properties: () => managedPlay("com.microsoft.emmx"),
  },
  {
    odataType: "#microsoft.graph.iosStoreApp",
    idParts: ["Teams iOS", "ios"],
    displayName: () => "Microsoft Teams",
    publisher: "Microsoft Corporation",
    properties: () => ({
      bundleId: "com.microsoft.skype.teams",
      appStoreUrl: "https://apps.apple.com/us/app/microsoft-teams/id1113153706",
      applicableDeviceType: { iPad: true, iPhoneAndIPod: true },
      minimumSupportedOperatingSystem: { v16_0: true },
    }),
    assignmentSettings: IOS_STORE_SETTINGS,
  },
  {
    odataType: "#microsoft.graph.androidManagedStoreApp",
    idParts: ["Outlook Android", "android"],
    displayName: () => "Microsoft Outlook",
    publisher: "Microsoft Corporation",
    properties: () => managedPlay("com.microsoft.office.outlook"),
  },
  {
    odataType: "#microsoft.graph.win32LobApp",
    idParts: ["7-Zip", "windows"],
    displayName: () => "7-Zip 23.01 (x64)",
    publisher: "Igor Pavlov",
    properties: () => ({
      ...LOB_STATE,
      fileName: "7z2301-x64.intunewin",
      size: 1_574_912,
      committedContentVersion: "1",
      installCommandLine: "7z2301-x64.exe /S",
      uninstallCommandLine: '"%ProgramFiles%\\7-Zip\\Uninstall.exe" /S',
      applicableArchitectures: "x64",
      displayVersion: "23.01",
      setupFilePath: "7z2301-x64.exe",
      installExperience: { runAsAccount: "system", deviceRestartBehavior: "suppress", maxRunTimeInMinutes: 60 },
      returnCodes: [
        { returnCode: 0, type: "success" },
        { returnCode: 3010, type: "softReboot" },
      ],
      minimumSupportedWindowsRelease: "1607",
    }),
    assignmentSettings: {
      "@odata.type": "#microsoft.graph.win32LobAppAssignmentSettings",
      notifications: "showReboot",
      deliveryOptimizationPriority: "notConfigured",
      installTimeSettings: null,
      restartSettings: null,
    },
  },
  {
    odataType: "#microsoft.graph.webApp",
    idParts: ["Intranet", "web"],
    displayName: (tenant) => `${tenant} Intranet`,
    publisher: "IT",
    properties: (tenant) => ({ appUrl: `https://intranet.${tenant.toLowerCase()}.com`, useManagedBrowser: true }),
  },
  {
    odataType: "#microsoft.graph.officeSuiteApp",
    idParts: ["Microsoft 365 Apps", "windows"],
    displayName: () => "Microsoft 365 Apps for Windows 10 and later",
    publisher: "Microsoft",
    properties: () => ({
      productIds: ["o365ProPlusRetail"],
      excludedApps: { groove: true, infoPath: true, sharePointDesigner: true, lync: true, teams: false, bing: true },
      updateChannel: "monthlyEnterprise",
      officePlatformArchitecture: "x64",
      localesToInstall: ["en-us", "de-de"],
      autoAcceptEula: true,
      useSharedComputerActivation: false,
      shouldUninstallOlderVersionsOfOffice: true,
      installProgressDisplayLevel: "none",
    }),
  },
  {
    odataType: "#microsoft.graph.winGetApp",
    idParts: ["Company Portal", "windows"],
    displayName: () => "Company Portal",
    publisher: "Microsoft Corporation",
    properties: () => ({ packageIdentifier: "9WZDNCRFJ3PZ", installExperience: { runAsAccount: "user" } }),
  },
  {
    odataType: "#microsoft.graph.macOSMicrosoftEdgeApp",
    idParts: ["Edge macOS", "macos"],
    displayName: () => "Microsoft Edge for macOS",
    publisher: "Microsoft",
    properties: () => ({ channel: "stable" }),
  },
  {
    odataType: "#microsoft.graph.iosLobApp",
    idParts: ["Field Service", "ios"],
    displayName: (tenant) => `${tenant} Field Service`,
    publisher: "In-house",
    properties: (tenant) => ({
      ...LOB_STATE,
      fileName: "FieldService.ipa",
      size: 48_213_504,
      committedContentVersion: "3",
      bundleId: `com.${tenant.toLowerCase()}.fieldservice`,
      buildNumber: "412",
      versionNumber: "2.7.0",
      expirationDateTime: "2027-03-31T00:00:00Z",
      applicableDeviceType: { iPad: true, iPhoneAndIPod: true },
      minimumSupportedOperatingSystem: { v16_0: true },
    }),
  },
  {
    odataType: "#microsoft.graph.macOSPkgApp",
    idParts: ["Zoom", "macos"],
    displayName: () => "Zoom Workplace",
    publisher: "Zoom Video Communications",
    properties: () => ({
      ...LOB_STATE,
      fileName: "ZoomInstallerIT.pkg",
      size: 92_160_000,
      committedContentVersion: "1",
      primaryBundleId: "us.zoom.xos",
      primaryBundleVersion: "6.0.11",
      includedApps: [{ bundleId: "us.zoom.xos", bundleVersion: "6.0.11" }],
      ignoreVersionDetection: false,
      minimumSupportedOperatingSystem: { v12_0: true },
    }),
  },
];

export function managedPlay(packageId: string): Partial<AndroidManagedStoreApp> {
  return {
    appIdentifier: packageId,
    packageId,
    appStoreUrl: `https://play.google.com/store/apps/details?id=${packageId}`,
    isPrivate: false,
    isSystemApp: false,
    supportsOemConfig: false,
    totalLicenseCount: 0,
    usedLicenseCount: 0,
    appTracks: [],
  };
}
