// App configuration policies (beta, deviceAppManagement), the two kinds Intune offers:
// - managed devices (`mobileAppConfigurations`, managedDeviceMobileAppConfiguration): polymorphic,
//   iOS settings as key/value items or Android Enterprise JSON; they name the app they configure by
//   its tenant-specific mobile app id (`targetedMobileApps`). Assignments carry only `target`.
// - managed apps (`targetedManagedAppConfigurations`): custom key/value settings delivered through
//   the app SDK to the apps in the contained `apps` collection (store identifiers, like app
//   protection's), written only through `POST /{id}/targetApps`. Assignments are
//   targetedManagedAppPolicyAssignments.

import type {
  AndroidManagedStoreAppConfiguration,
  AppConfigurationSettingItem,
  IosMobileAppConfiguration,
  ManagedMobileApp,
  TargetedManagedAppConfiguration,
} from "@microsoft/microsoft-graph-types-beta";
import { deterministicGuid } from "../deterministic.ts";
import type { SeedObject, SimObject } from "../types.ts";
import {
  assignedIfFirst,
  COMMON_VARIANTS,
  type ObjectAction,
  type ObjectTypeDefinition,
  type SeedContext,
  type SeedEntity,
  variantSuffix,
} from "./definition.ts";
import { base64 } from "./device-management-scripts.ts";

const DEVICE_CONFIGS = [
  {
    topic: "Outlook iOS - Corporate accounts",
    platform: "ios",
    settings: [
      { appConfigKey: "com.microsoft.outlook.EmailProfile.AccountType", appConfigKeyType: "stringType", appConfigKeyValue: "ModernAuth" },
      { appConfigKey: "com.microsoft.outlook.EmailProfile.EmailAddress", appConfigKeyType: "tokenType", appConfigKeyValue: "{{mail}}" },
      { appConfigKey: "IntuneMAMAllowedAccountsOnly", appConfigKeyType: "stringType", appConfigKeyValue: "Enabled" },
    ],
  },
  {
    topic: "Edge Android - Managed bookmarks",
    platform: "android",
    packageId: "app:com.microsoft.emmx",
    payload: { kind: "androidenterprise#managedConfiguration", productId: "app:com.microsoft.emmx", managedProperty: [] },
  },
  {
    topic: "Teams iOS - Allowed accounts",
    platform: "ios",
    settings: [{ appConfigKey: "IntuneMAMUPN", appConfigKeyType: "tokenType", appConfigKeyValue: "{{userprincipalname}}" }],
  },
  {
    topic: "Outlook Android - Focused inbox off",
    platform: "android",
    packageId: "app:com.microsoft.office.outlook",
    payload: {
      kind: "androidenterprise#managedConfiguration",
      productId: "app:com.microsoft.office.outlook",
      managedProperty: [{ key: "com.microsoft.outlook.Mail.FocusedInbox", valueBool: false }],
    },
  },
] as const;

const APP_CONFIGS = [
  { topic: "Edge - Corporate homepage", key: "com.microsoft.intune.mam.managedbrowser.homepage", value: "https://intranet.{tenant}.com" },
  { topic: "Outlook - Default signature off", key: "com.microsoft.outlook.Mail.DefaultSignatureEnabled", value: "false" },
  { topic: "OneDrive - Block personal accounts", key: "com.microsoft.intune.mam.AllowedAccountUPNs", value: "{{userprincipalname}}" },
] as const;

type DeviceConfig = IosMobileAppConfiguration | AndroidManagedStoreAppConfiguration;

/** Managed-device app configuration assignments carry only `target` (no `source` / `sourceId`). */
function targetOnly(assignments: SimObject[]): SimObject[] {
  return assignments.map(({ source: _source, sourceId: _sourceId, ...rest }) => rest as SimObject);
}

export const mobileAppConfigurations: ObjectTypeDefinition = {
  key: "mobileAppConfigurations",
  collectionPath: "deviceAppManagement/mobileAppConfigurations",
  entityODataType: "#microsoft.graph.managedDeviceMobileAppConfiguration",
  polymorphic: true,
  nameProperty: "displayName",
  foundation: false,
  defaultPageSize: 50,
  maxPageSize: 100,
  versioned: true,
  assignable: true,
  targetOnlyAssignments: true,
  // Read-only: the service knows whether the Android app is an OEMConfig app.
  serverManaged: { appSupportsOemConfig: false },
  validateCreate(body) {
    const apps = body.targetedMobileApps;
    if (!Array.isArray(apps) || apps.length === 0 || apps.some((id) => typeof id !== "string")) {
      return "An app configuration policy needs 'targetedMobileApps' with the id of the app it configures.";
    }
    return undefined;
  },
  seed(context, count) {
    const policies: SeedObject[] = [];
    for (let index = 0; index < count; index++) {
      const template = DEVICE_CONFIGS[index % DEVICE_CONFIGS.length] as (typeof DEVICE_CONFIGS)[number];
      const displayName = `${context.tenantName} - ${template.topic}${variantSuffix(index, DEVICE_CONFIGS.length, COMMON_VARIANTS)}`;
      const id = context.guid("mobileAppConfigurations", displayName);
      const common = {
        id,
        displayName,
        description: context.random.chance(0.5) ? `${template.topic} (managed devices)` : null,
        ...context.timestamps(),
        roleScopeTagIds: context.roleScopeTagIds(),
        // The configured app, by its id in this tenant's app catalog.
        targetedMobileApps: [context.guid("mobileApps", template.topic.split(" - ")[0] as string, template.platform)],
        version: context.random.int(1, 6),
      };
      const entity: SeedEntity<DeviceConfig> =
        template.platform === "ios"
          ? { ...common, encodedSettingXml: null }
          : {
              ...common,
              packageId: template.packageId,
              payloadJson: base64(JSON.stringify(template.payload)),
              permissionActions: [{ permission: "android.permission.CAMERA", action: "autoGrant" }],
              appSupportsOemConfig: false,
              profileApplicability: "default",
              connectedAppsEnabled: false,
            };
      const odataType =
        template.platform === "ios" ? "#microsoft.graph.iosMobileAppConfiguration" : "#microsoft.graph.androidManagedStoreAppConfiguration";
      const assignments = targetOnly(assignedIfFirst(context, index, id, context.assignmentsFor(id)));
      // iOS key/value items are plain properties (no ids), not a navigation collection.
      const settings: AppConfigurationSettingItem[] | undefined =
        template.platform === "ios" ? template.settings.map((setting) => ({ ...setting })) : undefined;
      const seed: Record<string, unknown> = { "@odata.type": odataType, ...entity, ...(settings ? { settings } : {}), assignments };
      policies.push(seed as SeedObject);
    }
    return policies;
  },
};

/** Both mobile platforms' app identifiers are accepted: one managed-app configuration can cover iOS and Android apps. */
const IDENTIFIERS: Record<string, string> = {
  "#microsoft.graph.iosMobileAppIdentifier": "bundleId",
  "#microsoft.graph.androidMobileAppIdentifier": "packageId",
};

function configuredApp(policyId: string, identifier: Record<string, unknown>): SimObject {
  const property = IDENTIFIERS[String(identifier["@odata.type"])] as string;
  const app: ManagedMobileApp & { id: string } = {
    id: deterministicGuid(policyId, "apps", String(identifier[property])),
    mobileAppIdentifier: {
      "@odata.type": identifier["@odata.type"],
      [property]: identifier[property],
    } as ManagedMobileApp["mobileAppIdentifier"],
    version: "-1",
  };
  return { "@odata.type": "#microsoft.graph.managedMobileApp", ...app };
}

const targetApps: ObjectAction = ({ stored, body }) => {
  if (!Array.isArray(body.apps)) return "The request body must contain an 'apps' array.";
  for (const [index, app] of body.apps.entries()) {
    const identifier = (app as { mobileAppIdentifier?: Record<string, unknown> } | null)?.mobileAppIdentifier;
    const property = IDENTIFIERS[String(identifier?.["@odata.type"])];
    if (!identifier || !property || typeof identifier[property] !== "string") {
      return `App ${index} needs an iOS (bundleId) or Android (packageId) mobileAppIdentifier.`;
    }
  }
  const apps = body.apps as { mobileAppIdentifier: Record<string, unknown> }[];
  stored.children.apps = apps.map((app) => configuredApp(stored.body.id, app.mobileAppIdentifier));
  if (typeof body.appGroupType === "string") stored.body.appGroupType = body.appGroupType;
  return undefined;
};

function managedAppConfig(context: SeedContext, index: number): SeedObject {
  const template = APP_CONFIGS[index % APP_CONFIGS.length] as (typeof APP_CONFIGS)[number];
  const displayName = `${context.tenantName} - App config - ${template.topic}${variantSuffix(index, APP_CONFIGS.length, COMMON_VARIANTS)}`;
  const id = context.guid("targetedManagedAppConfigurations", displayName);
  const bundle = template.topic.startsWith("Edge") ? "msedge" : template.topic.startsWith("Outlook") ? "office.outlook" : "skydrive";
  const apps = [
    configuredApp(id, { "@odata.type": "#microsoft.graph.iosMobileAppIdentifier", bundleId: `com.microsoft.${bundle}` }),
    configuredApp(id, { "@odata.type": "#microsoft.graph.androidMobileAppIdentifier", packageId: `com.microsoft.${bundle}` }),
  ];
  // Managed-app policies target users: Graph refuses "all devices" for them.
  const userTargets = context
    .assignmentsFor(id)
    .filter((assignment) => !String((assignment.target as SimObject)["@odata.type"]).includes("allDevices"));
  const assignments = assignedIfFirst(context, index, id, userTargets);
  const entity: SeedEntity<TargetedManagedAppConfiguration> = {
    id,
    displayName,
    description: context.random.chance(0.5) ? template.topic : "",
    ...context.timestamps(),
    roleScopeTagIds: context.roleScopeTagIds(),
    version: `"${id.slice(0, 8)}"`,
    customSettings: [{ name: template.key, value: template.value.replace("{tenant}", context.tenantName.toLowerCase()) }],
    appGroupType: "selectedPublicApps",
    targetedAppManagementLevels: "unspecified",
    isAssigned: assignments.length > 0,
    deployedAppCount: apps.length,
  };
  return { "@odata.type": "#microsoft.graph.targetedManagedAppConfiguration", ...entity, apps, assignments };
}

export const targetedManagedAppConfigurations: ObjectTypeDefinition = {
  key: "targetedManagedAppConfigurations",
  collectionPath: "deviceAppManagement/targetedManagedAppConfigurations",
  entityODataType: "#microsoft.graph.targetedManagedAppConfiguration",
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
  actions: { targetApps },
  seed(context, count) {
    return Array.from({ length: count }, (_, index) => managedAppConfig(context, index));
  },
};
