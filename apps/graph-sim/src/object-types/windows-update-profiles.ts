// Windows Update for Business profiles of Windows Autopatch (beta, deviceManagement): feature update,
// quality update (expedite) and driver update profiles. Each names what it deploys (a Windows
// version, a quality release, an approval mode); the service fills in what it knows about that
// content (`endOfSupportDate`, display names, driver counts), so those are read-only. Assignments
// target groups only (no filters, as in Graph); `/assign` takes `assignments`.
// Update rings themselves are device configurations (windowsUpdateForBusinessConfiguration).

import type {
  WindowsDriverUpdateProfile,
  WindowsFeatureUpdateProfile,
  WindowsQualityUpdateProfile,
} from "@microsoft/microsoft-graph-types-beta";
import type { SeedObject, SimObject } from "../types.ts";
import { COMMON_VARIANTS, type ObjectTypeDefinition, type SeedContext, variantSuffix } from "./definition.ts";

/** Feature update versions Graph offers, with the end of support it reports for each. */
export const FEATURE_UPDATE_VERSIONS: Readonly<Record<string, string>> = {
  "Windows 10, version 22H2": "2025-10-14T00:00:00Z",
  "Windows 11, version 23H2": "2026-11-10T00:00:00Z",
  "Windows 11, version 24H2": "2027-10-12T00:00:00Z",
};

/** Quality update releases Graph can expedite, with the name it displays for each. */
export const QUALITY_UPDATE_RELEASES: Readonly<Record<string, string>> = {
  "2025-04-08T00:00:00Z": "April 8, 2025 - 2025.04 B Security Updates for Windows 10 and later",
  "2025-05-13T00:00:00Z": "May 13, 2025 - 2025.05 B Security Updates for Windows 10 and later",
  "2025-06-10T00:00:00Z": "June 10, 2025 - 2025.06 B Security Updates for Windows 10 and later",
};

const RINGS = ["Ring 1 - Pilot", "Ring 2 - UAT", "Ring 3 - Production"] as const;

/** Group targets without filters: update profiles do not support assignment filters. */
function groupAssignments(context: SeedContext, id: string): SimObject[] {
  return context
    .assignmentsFor(id)
    .map((assignment) => {
      const {
        deviceAndAppManagementAssignmentFilterId: _filter,
        deviceAndAppManagementAssignmentFilterType: _type,
        ...target
      } = assignment.target as Record<string, unknown>;
      const { source: _source, sourceId: _sourceId, ...rest } = assignment;
      return { ...rest, target };
    })
    .filter(
      (assignment) =>
        (assignment.target as { "@odata.type": string })["@odata.type"] !== "#microsoft.graph.allLicensedUsersAssignmentTarget",
    );
}

function commonProperties(context: SeedContext, key: string, displayName: string) {
  const id = context.guid(key, displayName);
  const description = context.random.chance(0.5) ? `Managed by the ${context.tenantName} workplace team` : "";
  return { id, displayName, description, ...context.timestamps(), roleScopeTagIds: context.roleScopeTagIds() };
}

function profileType(
  spec: Omit<
    ObjectTypeDefinition,
    "collectionPath" | "polymorphic" | "nameProperty" | "foundation" | "defaultPageSize" | "maxPageSize" | "versioned" | "assignable"
  >,
): ObjectTypeDefinition {
  return {
    ...spec,
    collectionPath: `deviceManagement/${spec.key}`,
    polymorphic: false,
    nameProperty: "displayName",
    foundation: false,
    defaultPageSize: 50,
    maxPageSize: 100,
    versioned: false,
    assignable: true,
    targetOnlyAssignments: true,
  };
}

export const windowsFeatureUpdateProfiles = profileType({
  key: "windowsFeatureUpdateProfiles",
  entityODataType: "#microsoft.graph.windowsFeatureUpdateProfile",
  serverManaged: { deployableContentDisplayName: null, endOfSupportDate: null },
  validateCreate: (body) =>
    typeof body.featureUpdateVersion === "string" && body.featureUpdateVersion in FEATURE_UPDATE_VERSIONS
      ? undefined
      : `'featureUpdateVersion' must be one of: ${Object.keys(FEATURE_UPDATE_VERSIONS).join("; ")}.`,
  deriveOnCreate: (body) => ({
    deployableContentDisplayName: body.featureUpdateVersion,
    endOfSupportDate: FEATURE_UPDATE_VERSIONS[String(body.featureUpdateVersion)] ?? null,
  }),
  seed(context, count) {
    const versions = Object.keys(FEATURE_UPDATE_VERSIONS);
    const profiles: SeedObject[] = [];
    for (let index = 0; index < count; index++) {
      const version = versions[(index % (versions.length - 1)) + 1] as string;
      const ring = RINGS[index % RINGS.length] as string;
      const common = commonProperties(
        context,
        "windowsFeatureUpdateProfiles",
        `${context.tenantName} - Feature Update - ${ring}${variantSuffix(index, RINGS.length, COMMON_VARIANTS)}`,
      );
      const profile: WindowsFeatureUpdateProfile = {
        ...common,
        featureUpdateVersion: version,
        deployableContentDisplayName: version,
        endOfSupportDate: FEATURE_UPDATE_VERSIONS[version] ?? null,
        installLatestWindows10OnWindows11IneligibleDevice: context.random.chance(0.5),
        installFeatureUpdatesOptional: false,
        rolloutSettings:
          index % RINGS.length === 2
            ? { offerStartDateTimeInUTC: "2025-09-01T08:00:00Z", offerEndDateTimeInUTC: "2025-10-01T08:00:00Z", offerIntervalInDays: 7 }
            : { offerStartDateTimeInUTC: null, offerEndDateTimeInUTC: null, offerIntervalInDays: null },
      };
      profiles.push({
        "@odata.type": "#microsoft.graph.windowsFeatureUpdateProfile",
        ...common,
        ...profile,
        assignments: groupAssignments(context, common.id),
      });
    }
    return profiles;
  },
});

export const windowsQualityUpdateProfiles = profileType({
  key: "windowsQualityUpdateProfiles",
  entityODataType: "#microsoft.graph.windowsQualityUpdateProfile",
  serverManaged: { deployableContentDisplayName: null, releaseDateDisplayName: null },
  validateCreate: (body) => {
    const release = (body.expeditedUpdateSettings as { qualityUpdateRelease?: unknown } | null | undefined)?.qualityUpdateRelease;
    return typeof release === "string" && release in QUALITY_UPDATE_RELEASES
      ? undefined
      : `'expeditedUpdateSettings.qualityUpdateRelease' must be one of: ${Object.keys(QUALITY_UPDATE_RELEASES).join("; ")}.`;
  },
  deriveOnCreate: (body) => {
    const release = String((body.expeditedUpdateSettings as { qualityUpdateRelease: string }).qualityUpdateRelease);
    return { deployableContentDisplayName: QUALITY_UPDATE_RELEASES[release] ?? null, releaseDateDisplayName: release.slice(0, 10) };
  },
  seed(context, count) {
    const releases = Object.keys(QUALITY_UPDATE_RELEASES);
    const profiles: SeedObject[] = [];
    for (let index = 0; index < count; index++) {
      const release = releases[index % releases.length] as string;
      const common = commonProperties(
        context,
        "windowsQualityUpdateProfiles",
        `${context.tenantName} - Expedite ${release.slice(0, 7)}${variantSuffix(index, releases.length, COMMON_VARIANTS)}`,
      );
      const profile: WindowsQualityUpdateProfile = {
        ...common,
        expeditedUpdateSettings: { qualityUpdateRelease: release, daysUntilForcedReboot: context.random.pick([0, 1, 2]) },
        deployableContentDisplayName: QUALITY_UPDATE_RELEASES[release] ?? null,
        releaseDateDisplayName: release.slice(0, 10),
      };
      profiles.push({
        "@odata.type": "#microsoft.graph.windowsQualityUpdateProfile",
        ...common,
        ...profile,
        assignments: groupAssignments(context, common.id),
      });
    }
    return profiles;
  },
});

export const windowsDriverUpdateProfiles = profileType({
  key: "windowsDriverUpdateProfiles",
  entityODataType: "#microsoft.graph.windowsDriverUpdateProfile",
  // What Windows Update reports about the drivers it found for the profile's devices.
  serverManaged: { deviceReporting: null, newUpdates: 0, inventorySyncStatus: null },
  validateCreate: (body) => {
    if (body.approvalType !== "manual" && body.approvalType !== "automatic") return "'approvalType' must be 'manual' or 'automatic'.";
    const deferral = body.deploymentDeferralInDays;
    if (body.approvalType === "manual" && deferral !== undefined && deferral !== null) {
      return "'deploymentDeferralInDays' applies only to automatic approval.";
    }
    if (deferral !== undefined && deferral !== null && (typeof deferral !== "number" || deferral < 0 || deferral > 30)) {
      return "'deploymentDeferralInDays' must be between 0 and 30.";
    }
    return undefined;
  },
  seed(context, count) {
    const profiles: SeedObject[] = [];
    for (let index = 0; index < count; index++) {
      const ring = RINGS[index % RINGS.length] as string;
      const manual = index % 4 === 3;
      const common = commonProperties(
        context,
        "windowsDriverUpdateProfiles",
        `${context.tenantName} - Drivers - ${manual ? "Manual Approval" : ring}${variantSuffix(index, RINGS.length, COMMON_VARIANTS)}`,
      );
      const profile: WindowsDriverUpdateProfile = {
        ...common,
        approvalType: manual ? "manual" : "automatic",
        deploymentDeferralInDays: manual ? null : ([0, 7, 14][index % RINGS.length] ?? 0),
        deviceReporting: context.random.int(0, 400),
        newUpdates: context.random.int(0, 12),
        inventorySyncStatus: { lastSuccessfulSyncDateTime: common.lastModifiedDateTime, driverInventorySyncState: "success" },
      };
      profiles.push({
        "@odata.type": "#microsoft.graph.windowsDriverUpdateProfile",
        ...common,
        ...profile,
        assignments: groupAssignments(context, common.id),
      });
    }
    return profiles;
  },
});
