// Entra Conditional Access policies (`identity/conditionalAccess/policies`). A policy names whom it
// applies to in `conditions.users` (directory roles by template id, groups and users by object id)
// and where in `conditions.locations` (named location ids or the keywords All / AllTrusted). Graph
// checks on every write that the groups and named locations exist in THIS tenant, wants a state,
// conditions with users and applications, and grant or session controls. No assignments, no scope
// tags; the change marker is `modifiedDateTime`.

import type { ConditionalAccessPolicy } from "@microsoft/microsoft-graph-types-beta";
import type { TenantStore } from "../tenant-store.ts";
import type { SeedGroup, SeedObject } from "../types.ts";
import type { ObjectTypeDefinition, SeedContext, SeedEntity } from "./definition.ts";
import { LOCATION_TOPICS } from "./named-locations.ts";

/** Directory role template ids: the same in every tenant. */
export const DIRECTORY_ROLES = {
  globalAdministrator: "62e90394-69f5-4237-9190-012177145e10",
  securityAdministrator: "194ae4cb-b126-40b2-bd5b-6091b380977d",
  conditionalAccessAdministrator: "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9",
  intuneAdministrator: "3a2c62db-5318-420d-8d74-23affee5d9d5",
  exchangeAdministrator: "29232cdf-9323-42fd-ade2-1d097af3e4de",
} as const;
const ADMIN_ROLES = Object.values(DIRECTORY_ROLES);

/** The group holding the tenant's emergency access accounts, excluded from the enforced policies. */
export const EMERGENCY_ACCESS_GROUP = "IT Admins";
const STATES = ["enabled", "disabled", "enabledForReportingButNotEnforced"];
const LOCATION_KEYWORDS = new Set(["All", "AllTrusted", "00000000-0000-0000-0000-000000000000"]);

type PolicyEntity = SeedEntity<ConditionalAccessPolicy>;
type Conditions = NonNullable<ConditionalAccessPolicy["conditions"]>;

interface PolicyTemplate {
  topic: string;
  state: NonNullable<ConditionalAccessPolicy["state"]>;
  conditions(refs: { locationId(topic: string): string | undefined; group(name: string): SeedGroup | undefined }): Conditions;
  grantControls: ConditionalAccessPolicy["grantControls"];
  sessionControls?: ConditionalAccessPolicy["sessionControls"];
}

const users = (partial: NonNullable<Conditions["users"]>): NonNullable<Conditions["users"]> => ({
  includeUsers: [],
  excludeUsers: [],
  includeGroups: [],
  excludeGroups: [],
  includeRoles: [],
  excludeRoles: [],
  includeGuestsOrExternalUsers: null,
  excludeGuestsOrExternalUsers: null,
  ...partial,
});
const allApps = {
  includeApplications: ["All"],
  excludeApplications: [],
  includeUserActions: [],
  includeAuthenticationContextClassReferences: [],
};
const grant = (builtInControls: string[], operator = "OR") =>
  ({
    operator,
    builtInControls,
    customAuthenticationFactors: [],
    termsOfUse: [],
    authenticationStrength: null,
  }) as ConditionalAccessPolicy["grantControls"];
const exceptEmergency = (refs: Parameters<PolicyTemplate["conditions"]>[0]) => {
  const group = refs.group(EMERGENCY_ACCESS_GROUP);
  return group ? [group.id] : [];
};

const TEMPLATES: readonly PolicyTemplate[] = [
  {
    // Excludes nobody: switched on in a restore it is the lockout the preview blocks.
    topic: "CA001 - Require MFA for administrators",
    state: "enabled",
    conditions: () => ({ users: users({ includeRoles: ADMIN_ROLES }), applications: allApps, clientAppTypes: ["all"] }),
    grantControls: grant(["mfa"]),
  },
  {
    topic: "CA002 - Block sign-ins from blocked countries",
    state: "enabled",
    conditions: (refs) => ({
      users: users({ includeUsers: ["All"], excludeGroups: exceptEmergency(refs) }),
      applications: allApps,
      clientAppTypes: ["all"],
      locations: { includeLocations: [refs.locationId(LOCATION_TOPICS.blockedCountries) ?? "All"], excludeLocations: [] },
    }),
    grantControls: grant(["block"]),
  },
  {
    topic: "CA003 - Require MFA outside trusted locations",
    state: "enabled",
    conditions: (refs) => ({
      users: users({ includeUsers: ["All"], excludeGroups: exceptEmergency(refs) }),
      applications: allApps,
      clientAppTypes: ["all"],
      locations: {
        includeLocations: ["All"],
        excludeLocations: [LOCATION_TOPICS.headOffice, LOCATION_TOPICS.branches].flatMap((topic) => refs.locationId(topic) ?? []),
      },
    }),
    grantControls: grant(["mfa"]),
  },
  {
    topic: "CA004 - Block legacy authentication",
    state: "enabled",
    conditions: (refs) => ({
      users: users({ includeUsers: ["All"], excludeGroups: exceptEmergency(refs) }),
      applications: allApps,
      clientAppTypes: ["exchangeActiveSync", "other"],
    }),
    grantControls: grant(["block"]),
  },
  {
    topic: "CA005 - Require compliant or protected mobile devices",
    state: "enabledForReportingButNotEnforced",
    conditions: (refs) => ({
      users: users({
        includeGroups: [refs.group("BYOD Users")?.id ?? ""].filter(Boolean),
        includeUsers: refs.group("BYOD Users") ? [] : ["All"],
      }),
      applications: { ...allApps, includeApplications: ["Office365"] },
      clientAppTypes: ["browser", "mobileAppsAndDesktopClients"],
      platforms: { includePlatforms: ["android", "iOS"], excludePlatforms: [] },
    }),
    grantControls: grant(["compliantDevice", "approvedApplication"]),
  },
  {
    topic: "CA006 - Sign-in frequency for administrators",
    state: "disabled",
    conditions: () => ({ users: users({ includeRoles: ADMIN_ROLES, excludeRoles: [] }), applications: allApps, clientAppTypes: ["all"] }),
    grantControls: null,
    sessionControls: {
      applicationEnforcedRestrictions: null,
      cloudAppSecurity: null,
      persistentBrowser: null,
      signInFrequency: {
        value: 4,
        type: "hours",
        authenticationType: "primaryAndSecondaryAuthentication",
        frequencyInterval: "timeBased",
        isEnabled: true,
      },
    },
  },
];

/** References Graph checks on create and update: groups and named locations must exist in THIS tenant. */
export function conditionalAccessReferenceProblem(store: TenantStore, body: Record<string, unknown>): string | undefined {
  if (body.state !== undefined && !STATES.includes(String(body.state))) return `'state' must be one of ${STATES.join(", ")}.`;
  const conditions = body.conditions as Record<string, Record<string, unknown> | null | undefined> | undefined;
  const ids = (holder: Record<string, unknown> | null | undefined, key: string) => {
    const values = holder?.[key];
    return Array.isArray(values) ? values.map(String) : [];
  };
  for (const key of ["includeLocations", "excludeLocations"]) {
    const unknown = ids(conditions?.locations, key).find((id) => !LOCATION_KEYWORDS.has(id) && !store.find("namedLocations", id));
    if (unknown !== undefined) return `Named location '${unknown}' in conditions.locations.${key} was not found in this tenant.`;
  }
  for (const key of ["includeGroups", "excludeGroups"]) {
    const unknown = ids(conditions?.users, key).find((id) => !store.hasGroup(id));
    if (unknown !== undefined) return `Group '${unknown}' in conditions.users.${key} was not found in the directory of this tenant.`;
  }
  return undefined;
}

function policySeed(context: SeedContext, index: number): SeedObject {
  const template = TEMPLATES[index % TEMPLATES.length] as PolicyTemplate;
  const round = Math.floor(index / TEMPLATES.length);
  const displayName = `${context.tenantName} - ${template.topic}${round > 0 ? ` (${round + 1})` : ""}`;
  const locations = context.seeded.namedLocations ?? [];
  const refs = {
    locationId: (topic: string) => locations.find((location) => location.displayName === `${context.tenantName} - ${topic}`)?.id,
    group: (name: string) => context.groups.find((group) => group.displayName === name),
  };
  const timestamps = context.timestamps();
  const entity: PolicyEntity = {
    id: context.guid("conditionalAccessPolicies", displayName),
    displayName,
    description: null,
    createdDateTime: timestamps.createdDateTime,
    modifiedDateTime: context.random.chance(0.7) ? timestamps.lastModifiedDateTime : null,
    state: template.state,
    conditions: {
      userRiskLevels: [],
      signInRiskLevels: [],
      platforms: null,
      locations: null,
      devices: null,
      clientApplications: null,
      ...template.conditions(refs),
    },
    grantControls: template.grantControls,
    sessionControls: template.sessionControls ?? null,
  };
  return { "@odata.type": "#microsoft.graph.conditionalAccessPolicy", ...entity };
}

export const conditionalAccessPolicies: ObjectTypeDefinition = {
  key: "conditionalAccessPolicies",
  collectionPath: "identity/conditionalAccess/policies",
  entityODataType: "#microsoft.graph.conditionalAccessPolicy",
  polymorphic: false,
  nameProperty: "displayName",
  foundation: false,
  defaultPageSize: 100,
  maxPageSize: 100,
  versioned: false,
  assignable: false,
  serverManaged: { modifiedDateTime: null },
  validateCreate(body) {
    if (!STATES.includes(String(body.state))) return `'state' must be one of ${STATES.join(", ")}.`;
    const conditions = body.conditions as Record<string, unknown> | null | undefined;
    if (typeof conditions !== "object" || conditions === null || !conditions.users || !conditions.applications) {
      return "'conditions' with 'users' and 'applications' is required.";
    }
    return body.grantControls || body.sessionControls ? undefined : "A policy needs 'grantControls' or 'sessionControls'.";
  },
  seed(context, count) {
    return Array.from({ length: count }, (_, index) => policySeed(context, index));
  },
};
