// The demo customer tenants every dev, demo and test run starts with. Ids, client ids and secrets
// are fixed so local environments and fixtures can hard-code them; the secrets are simulator-only.

import { buildSettingsCatalogPolicy } from "./object-types/configuration-policies.ts";
import { customCompliancePolicies } from "./object-types/device-compliance-scripts.ts";
import { firewallRulesPolicy } from "./object-types/reusable-policy-settings.ts";
import { buildTenantSeed, DEFAULT_GROUP_NAMES } from "./seed-builder.ts";
import type { TenantSeed } from "./types.ts";

export const PRIMARY_MSP = "Adatum IT Services";
export const SECOND_MSP = "Litware Managed Services";

export const FABRIKAM_BASELINE_POLICY_NAME = "Fabrikam - Windows Security Baseline (320 settings)";

/**
 * Groups Contoso's policies target that Northwind's directory does not have: a cross-tenant restore
 * Contoso -> Northwind must report them as unmapped (never guess another group).
 */
export const GROUPS_MISSING_IN_NORTHWIND = ["Executives", "Finance Users", "Kiosk Devices"] as const;

const contoso = buildTenantSeed({
  name: "Contoso",
  tenantId: "6a1f4c2e-8d3b-4f7a-9c15-2b8e0d4a7f31",
  clientId: "3c9e7b12-5a4d-4e8f-b1c6-7d2a9f0e4b58",
  clientSecret: "sim-secret-contoso-7Qm2vX9pL4",
  domain: "contoso.onmicrosoft.com",
  mspName: PRIMARY_MSP,
  // A second app registration, so per-app and per-tenant throttling can be told apart.
  additionalApps: [
    {
      clientId: "7b4e2d91-3f8a-4c6b-9d27-5e1a8c3f6b40",
      clientSecret: "sim-secret-contoso-reporting-M6t4Yk8cV2",
      displayName: "Contoso Reporting",
    },
  ],
  counts: {
    roleScopeTags: 8,
    assignmentFilters: 10,
    notificationMessageTemplates: 4,
    deviceConfigurations: 30,
    deviceCompliancePolicies: 15,
    configurationPolicies: 20,
    groupPolicyConfigurations: 10,
    deviceEnrollmentConfigurations: 6,
    windowsAutopilotDeploymentProfiles: 4,
    deviceManagementScripts: 6,
    deviceHealthScripts: 4,
    intents: 3,
    iosManagedAppProtections: 3,
    androidManagedAppProtections: 3,
    windowsManagedAppProtections: 1,
    windowsFeatureUpdateProfiles: 2,
    windowsQualityUpdateProfiles: 1,
    windowsDriverUpdateProfiles: 2,
    mobileApps: 10,
    mobileAppConfigurations: 2,
    targetedManagedAppConfigurations: 3,
    deviceShellScripts: 2,
    deviceCustomAttributeShellScripts: 2,
    deviceComplianceScripts: 1,
    reusablePolicySettings: 2,
    deviceCategories: 3,
    termsAndConditions: 2,
    roleDefinitions: 4,
    roleAssignments: 3,
    depOnboardingSettings: 1,
    namedLocations: 3,
    conditionalAccessPolicies: 5,
  },
  extraObjects: (context) => ({
    deviceCompliancePolicies: customCompliancePolicies(context),
    // Firewall rules that use the reusable address sets (references to remap).
    configurationPolicies: firewallRulesPolicy(context),
  }),
});

const fabrikam = buildTenantSeed({
  name: "Fabrikam",
  tenantId: "b2e84f19-3c7a-4d5e-8f21-9a6c0b3d5e47",
  clientId: "e71d3a58-2b9c-4f6e-a4d3-1c8b5f7e9a20",
  clientSecret: "sim-secret-fabrikam-K8r3Tz6wN1",
  domain: "fabrikam.onmicrosoft.com",
  mspName: PRIMARY_MSP,
  // The three big policy collections need several pages at the default page size of 50.
  counts: {
    roleScopeTags: 10,
    assignmentFilters: 12,
    notificationMessageTemplates: 5,
    deviceConfigurations: 110,
    deviceCompliancePolicies: 52,
    configurationPolicies: 59,
    groupPolicyConfigurations: 15,
    deviceEnrollmentConfigurations: 8,
    windowsAutopilotDeploymentProfiles: 6,
    deviceManagementScripts: 8,
    deviceHealthScripts: 6,
    intents: 8,
    iosManagedAppProtections: 5,
    androidManagedAppProtections: 5,
    windowsManagedAppProtections: 2,
    windowsFeatureUpdateProfiles: 3,
    windowsQualityUpdateProfiles: 3,
    windowsDriverUpdateProfiles: 4,
    mobileApps: 13,
    mobileAppConfigurations: 4,
    targetedManagedAppConfigurations: 4,
    deviceShellScripts: 3,
    deviceCustomAttributeShellScripts: 2,
    deviceComplianceScripts: 2,
    reusablePolicySettings: 3,
    deviceCategories: 4,
    termsAndConditions: 3,
    roleDefinitions: 5,
    roleAssignments: 4,
    depOnboardingSettings: 1,
    namedLocations: 4,
    conditionalAccessPolicies: 6,
  },
  extraObjects: (context) => {
    const baseline = buildSettingsCatalogPolicy(context, {
      name: FABRIKAM_BASELINE_POLICY_NAME,
      settingCount: 320,
      technologies: "mdm,microsoftSense",
      description: "Security baseline rebuilt in the settings catalog: 320 settings, 13 pages of 25.",
    });
    // Windows compliance policies that check the custom compliance scripts (a reference to remap).
    const deviceCompliancePolicies = customCompliancePolicies(context);
    // Firewall rules that use the reusable address sets (references to remap).
    return { configurationPolicies: [baseline, ...firewallRulesPolicy(context)], deviceCompliancePolicies };
  },
});

const northwind = buildTenantSeed({
  name: "Northwind",
  tenantId: "4d7c1e93-6f2a-4b8d-9e05-3a1f7c6b2d84",
  clientId: "9f2b6c41-7e3d-4a9f-8c52-6b0d4e1a3f97",
  clientSecret: "sim-secret-northwind-P5h9Jd2sQ7",
  domain: "northwindtraders.onmicrosoft.com",
  mspName: PRIMARY_MSP,
  // Shares most group names with Contoso, lacks a few and has one of its own (see GROUPS_MISSING_IN_NORTHWIND).
  groupNames: [
    ...DEFAULT_GROUP_NAMES.filter((name) => !(GROUPS_MISSING_IN_NORTHWIND as readonly string[]).includes(name)),
    "Warehouse Scanners",
  ],
  // The smallest tenant still holds one object of every type: quick end-to-end checks per type.
  counts: {
    roleScopeTags: 1,
    assignmentFilters: 1,
    notificationMessageTemplates: 1,
    deviceConfigurations: 1,
    deviceCompliancePolicies: 1,
    configurationPolicies: 1,
    groupPolicyConfigurations: 1,
    deviceEnrollmentConfigurations: 1,
    windowsAutopilotDeploymentProfiles: 1,
    deviceManagementScripts: 1,
    deviceHealthScripts: 1,
    intents: 1,
    iosManagedAppProtections: 1,
    androidManagedAppProtections: 1,
    windowsManagedAppProtections: 1,
    windowsFeatureUpdateProfiles: 1,
    windowsQualityUpdateProfiles: 1,
    windowsDriverUpdateProfiles: 1,
    mobileApps: 3,
    mobileAppConfigurations: 1,
    targetedManagedAppConfigurations: 1,
    deviceShellScripts: 1,
    deviceCustomAttributeShellScripts: 1,
    deviceComplianceScripts: 1,
    reusablePolicySettings: 1,
    deviceCategories: 1,
    termsAndConditions: 1,
    // A built-in role (Help Desk Operator) and a custom one: role assignments name both kinds.
    roleDefinitions: 2,
    roleAssignments: 1,
    depOnboardingSettings: 1,
    namedLocations: 1,
    conditionalAccessPolicies: 1,
  },
});

const tailspin = buildTenantSeed({
  name: "Tailspin",
  tenantId: "c8a35d72-1e6b-4c9a-b7f4-5d2e8a0c6b13",
  clientId: "2e5f8a36-9c1d-4b7e-a6f3-8d4c2b9e1a75",
  clientSecret: "sim-secret-tailspin-W3n7Gx5bR8",
  domain: "tailspintoys.onmicrosoft.com",
  // Belongs to another MSP: isolation tests connect it to a second workspace.
  mspName: SECOND_MSP,
  counts: {
    roleScopeTags: 2,
    assignmentFilters: 2,
    notificationMessageTemplates: 1,
    deviceConfigurations: 4,
    deviceCompliancePolicies: 2,
    configurationPolicies: 2,
    groupPolicyConfigurations: 1,
    deviceEnrollmentConfigurations: 1,
    windowsAutopilotDeploymentProfiles: 1,
    deviceManagementScripts: 1,
    deviceHealthScripts: 2,
    intents: 1,
    iosManagedAppProtections: 1,
    androidManagedAppProtections: 1,
    windowsManagedAppProtections: 1,
    windowsFeatureUpdateProfiles: 1,
    windowsQualityUpdateProfiles: 1,
    windowsDriverUpdateProfiles: 1,
    mobileApps: 3,
    mobileAppConfigurations: 1,
    targetedManagedAppConfigurations: 1,
    deviceShellScripts: 1,
    deviceCustomAttributeShellScripts: 1,
    deviceComplianceScripts: 1,
    reusablePolicySettings: 1,
    deviceCategories: 1,
    termsAndConditions: 1,
    roleDefinitions: 1,
    roleAssignments: 1,
    depOnboardingSettings: 1,
    namedLocations: 3,
    conditionalAccessPolicies: 2,
  },
});

export const DEMO_TENANTS: readonly TenantSeed[] = Object.freeze([contoso, fabrikam, northwind, tailspin]);

/** A demo tenant by name (case-insensitive) or tenant id. */
export function demoTenant(nameOrTenantId: string): TenantSeed {
  const wanted = nameOrTenantId.toLowerCase();
  const tenant = DEMO_TENANTS.find((t) => t.name.toLowerCase() === wanted || t.tenantId === wanted);
  if (!tenant) throw new Error(`Unknown demo tenant '${nameOrTenantId}'. Known: ${DEMO_TENANTS.map((t) => t.name).join(", ")}`);
  return tenant;
}
