// Enrollment configurations (v1.0): device limits, platform restrictions, Windows Hello for Business
// and enrollment status pages. Every tenant has built-in defaults at priority 0 whose ids are the
// tenant id plus a suffix (`<tenantId>_DefaultLimit`): they can be updated but never created or
// deleted, so restore must match them in place. Assignments are replaced through `/assign` with an
// `enrollmentConfigurationAssignments` body, not `assignments`.

import type { SeededRandom } from "../deterministic.ts";
import type { SeedObject } from "../types.ts";
import { COMMON_VARIANTS, type ObjectTypeDefinition, variantSuffix } from "./definition.ts";

interface EnrollmentKind {
  odataType: string;
  topic: string;
  defaultIdSuffix: string;
  properties(random: SeededRandom, tenantName: string): Record<string, unknown>;
}

const platformRestriction = (random: SeededRandom) => ({
  "@odata.type": "#microsoft.graph.deviceEnrollmentPlatformRestriction",
  platformBlocked: false,
  personalDeviceEnrollmentBlocked: random.chance(0.5),
  osMinimumVersion: null,
  osMaximumVersion: null,
});

const KINDS: readonly EnrollmentKind[] = [
  {
    odataType: "deviceEnrollmentLimitConfiguration",
    topic: "Device limit",
    defaultIdSuffix: "DefaultLimit",
    properties: (random) => ({ limit: random.pick([5, 10, 15]) }),
  },
  {
    odataType: "deviceEnrollmentPlatformRestrictionsConfiguration",
    topic: "Platform restrictions",
    defaultIdSuffix: "DefaultPlatformRestrictions",
    properties: (random) => ({
      iosRestriction: platformRestriction(random),
      windowsRestriction: platformRestriction(random),
      windowsMobileRestriction: { ...platformRestriction(random), platformBlocked: true },
      androidRestriction: platformRestriction(random),
      macOSRestriction: platformRestriction(random),
    }),
  },
  {
    odataType: "deviceEnrollmentWindowsHelloForBusinessConfiguration",
    topic: "Windows Hello for Business",
    defaultIdSuffix: "DefaultWindowsHelloForBusiness",
    properties: (random) => ({
      pinMinimumLength: random.pick([4, 6, 8]),
      pinMaximumLength: 127,
      pinUppercaseCharactersUsage: "allowed",
      pinLowercaseCharactersUsage: "allowed",
      pinSpecialCharactersUsage: "allowed",
      state: "enabled",
      securityDeviceRequired: random.chance(0.5),
      unlockWithBiometricsEnabled: true,
      remotePassportEnabled: false,
      pinPreviousBlockCount: 0,
      pinExpirationInDays: 0,
      enhancedBiometricsState: "notConfigured",
    }),
  },
  {
    odataType: "windows10EnrollmentCompletionPageConfiguration",
    topic: "Enrollment Status Page",
    defaultIdSuffix: "DefaultWindows10EnrollmentCompletionPageConfiguration",
    properties: (random, tenantName) => ({
      showInstallationProgress: true,
      blockDeviceSetupRetryByUser: random.chance(0.5),
      allowDeviceResetOnInstallFailure: true,
      allowLogCollectionOnInstallFailure: true,
      customErrorMessage: `Setup could not finish. Contact the ${tenantName} service desk.`,
      installProgressTimeoutInMinutes: random.pick([60, 90, 120]),
      allowDeviceUseOnInstallFailure: false,
    }),
  },
];

export const deviceEnrollmentConfigurations: ObjectTypeDefinition = {
  key: "deviceEnrollmentConfigurations",
  collectionPath: "deviceManagement/deviceEnrollmentConfigurations",
  entityODataType: "#microsoft.graph.deviceEnrollmentConfiguration",
  polymorphic: true,
  nameProperty: "displayName",
  foundation: false,
  defaultPageSize: 50,
  maxPageSize: 100,
  versioned: true,
  assignable: true,
  assignBodyKey: "enrollmentConfigurationAssignments",
  seed(context, count) {
    const configurations: SeedObject[] = [];
    for (let index = 0; index < count; index++) {
      const kind = KINDS[index % KINDS.length] as EnrollmentKind;
      const isDefault = index < KINDS.length;
      const displayName = isDefault
        ? `All users and all devices (${kind.topic})`
        : `${context.tenantName} - ${kind.topic}${variantSuffix(index - KINDS.length, KINDS.length, COMMON_VARIANTS)}`;
      const id = isDefault ? `${context.tenantId}_${kind.defaultIdSuffix}` : context.guid("deviceEnrollmentConfigurations", displayName);
      configurations.push({
        "@odata.type": `#microsoft.graph.${kind.odataType}`,
        id,
        displayName,
        description: isDefault
          ? "This is the default enrollment configuration applied with the lowest priority to all users."
          : `${kind.topic} for ${context.tenantName}`,
        // Defaults sit at priority 0 (lowest); custom ones are ordered 1..n like the portal does.
        priority: isDefault ? 0 : index - KINDS.length + 1,
        ...context.timestamps(),
        version: context.random.int(1, 5),
        roleScopeTagIds: context.roleScopeTagIds(),
        ...kind.properties(context.random, context.tenantName),
        // Defaults apply to everyone implicitly and carry no assignments.
        assignments: isDefault ? [] : context.assignmentsFor(id),
      });
    }
    return configurations;
  },
};
