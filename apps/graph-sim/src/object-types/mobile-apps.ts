// Mobile apps (beta, `deviceAppManagement/mobileApps`): one polymorphic collection holding every kind
// of app Intune deploys, told apart by `@odata.type`:
// - Microsoft's managed apps (`managedIOSStoreApp` / `managedAndroidStoreApp` with
//   `appAvailability: "global"`): the apps app protection knows, present in every tenant and
//   refused on create;
// - store apps and links (iOS store, managed Google Play, web links, WinGet, Microsoft 365 Apps,
//   Edge): metadata only, created and assigned through Graph like any policy;
// - line-of-business apps (Win32, MSI, iOS/Android/macOS packages): their content is an uploaded
//   file committed through contentVersions/files. Created without it the app stays
//   `notPublished` with upload state 0 ("not ready"), as Graph leaves it.
// `largeIcon` comes only with GET by id (the list says null). Assignments carry an install intent
// and per-type settings and are replaced with `POST /assign` (`mobileAppAssignments`).

import type { MobileApp } from "@microsoft/microsoft-graph-types-beta";
import type { SeedObject, SimObject } from "../types.ts";
import { type AppEntity, type AppTemplate, APPS, ICON, managedPlay } from "./mobile-app-catalog.ts";
import { assignedIfFirst, type ObjectTypeDefinition, type SeedContext } from "./definition.ts";

/** App kinds whose content is an uploaded binary: creating one gives an app without content. */
export const LINE_OF_BUSINESS_APP_TYPES = [
  "#microsoft.graph.win32LobApp",
  "#microsoft.graph.windowsMobileMSI",
  "#microsoft.graph.windowsAppX",
  "#microsoft.graph.windowsUniversalAppX",
  "#microsoft.graph.iosLobApp",
  "#microsoft.graph.androidLobApp",
  "#microsoft.graph.macOSLobApp",
  "#microsoft.graph.macOSPkgApp",
  "#microsoft.graph.macOSDmgApp",
  "#microsoft.graph.managedIOSLobApp",
  "#microsoft.graph.managedAndroidLobApp",
] as const;

const isLineOfBusiness = (odataType: unknown) => (LINE_OF_BUSINESS_APP_TYPES as readonly unknown[]).includes(odataType);

/** The service's: assignment state, relationship counters and the publishing pipeline (a published app). */
const SERVICE_STATE = {
  isAssigned: false,
  dependentAppCount: 0,
  supersedingAppCount: 0,
  supersededAppCount: 0,
  publishingState: "published",
  uploadState: 1,
} as const;

/** The id of a seeded app, as the app configurations of the same tenant reference it. */
export function seededAppId(context: Pick<SeedContext, "guid">, ...idParts: string[]): string {
  return context.guid("mobileApps", ...idParts);
}

function appAssignments(context: SeedContext, index: number, id: string, template: AppTemplate): SimObject[] {
  // Microsoft's managed apps are what app protection targets; nobody deploys them.
  if (template.idParts[0] === "global") return [];
  const targets = context.assignmentsFor(id);
  // The first deployable app (after Microsoft's two) always has an assignment, like the first object of other types.
  return assignedIfFirst(context, index === 2 ? 0 : index, id, targets).map((assignment) => {
    const targetType = String((assignment.target as SimObject)["@odata.type"]);
    // "Available" offers the app to users in Company Portal: devices (and exclusions) only get "required".
    const requiredOnly = targetType.includes("exclusion") || targetType.includes("allDevices");
    return {
      ...assignment,
      intent: requiredOnly ? "required" : context.random.pick(["required", "available"]),
      settings: template.assignmentSettings ?? null,
    };
  });
}

function seedApp(context: SeedContext, index: number): SeedObject {
  const template = APPS[index % APPS.length] as AppTemplate;
  const pass = Math.floor(index / APPS.length);
  const displayName = template.displayName(context.tenantName) + (pass > 0 ? ` (${pass + 1})` : "");
  const id = pass === 0 ? seededAppId(context, ...template.idParts) : seededAppId(context, ...template.idParts, String(pass));
  const entity = {
    id,
    displayName,
    description: `${template.displayName(context.tenantName)} by ${template.publisher}.`,
    publisher: template.publisher,
    developer: "",
    owner: "",
    notes: "",
    informationUrl: null,
    privacyInformationUrl: null,
    isFeatured: context.random.chance(0.3),
    largeIcon: ICON,
    ...context.timestamps(),
    roleScopeTagIds: template.idParts[0] === "global" ? [] : context.roleScopeTagIds(),
    ...SERVICE_STATE,
    ...template.properties(context.tenantName),
  } as AppEntity & MobileApp;
  const assignments = appAssignments(context, index, id, template);
  return { "@odata.type": template.odataType, ...entity, isAssigned: assignments.length > 0, assignments } as SeedObject;
}

export const mobileApps: ObjectTypeDefinition = {
  key: "mobileApps",
  collectionPath: "deviceAppManagement/mobileApps",
  entityODataType: "#microsoft.graph.mobileApp",
  polymorphic: true,
  nameProperty: "displayName",
  foundation: true,
  defaultPageSize: 50,
  maxPageSize: 100,
  versioned: false,
  assignable: true,
  assignBodyKey: "mobileAppAssignments",
  nameFilter: true,
  detailOnlyProperties: ["largeIcon"],
  serverManaged: SERVICE_STATE,
  deriveOnCreate(body) {
    const odataType = body["@odata.type"];
    // No content was uploaded and committed: the app exists but cannot install anything.
    if (isLineOfBusiness(odataType)) return { publishingState: "notPublished", uploadState: 0, committedContentVersion: null, size: 0 };
    // Managed Google Play: the service fills the store facts from the approved app.
    if (odataType === "#microsoft.graph.androidManagedStoreApp" && typeof body.appIdentifier === "string") {
      return { ...managedPlay(body.appIdentifier) };
    }
    return {};
  },
  validateCreate(body) {
    if (body.appAvailability === "global") return "Microsoft's global managed apps exist in every tenant and cannot be created.";
    if (body["@odata.type"] === "#microsoft.graph.webApp" && typeof body.appUrl !== "string") return "A web link needs 'appUrl'.";
    return undefined;
  },
  validatePatch(stored, patch) {
    // Graph: a web app's URL "cannot be PATCHed".
    if (stored["@odata.type"] === "#microsoft.graph.webApp" && "appUrl" in patch && patch.appUrl !== stored.appUrl) {
      return "Property 'appUrl' of a web app cannot be changed; create a new web link instead.";
    }
    return undefined;
  },
  seed(context, count) {
    return Array.from({ length: count }, (_, index) => seedApp(context, index));
  },
};
