// Conditional Access through restorePayload: named locations and groups remapped, users kept only
// where the caller maps them, keywords untouched, and the state written report-only unless the
// operator switched the policy on, with the lockout judged on what is really written.

import { describe, expect, it } from "vitest";
import { restorePayload } from "./restore-payload.ts";
import type { IdMap } from "./restore-types.ts";

const MAP: Record<string, string> = {
  "namedLocations|loc-src": "loc-dst",
  "groups|admins-src": "admins-dst",
  "groups|byod-src": "byod-dst",
};
const crossTenant: IdMap = (kind, id) => MAP[`${kind}|${id}`];

const policy = (state: string, users: Record<string, string[]>) => ({
  "@odata.type": "#microsoft.graph.conditionalAccessPolicy",
  id: "ca-1",
  displayName: "CA002 - Block sign-ins from blocked countries",
  createdDateTime: "2024-01-01T00:00:00Z",
  modifiedDateTime: "2024-02-01T00:00:00Z",
  templateId: null,
  state,
  conditions: {
    users: { includeUsers: ["All"], excludeUsers: [], includeGroups: [], excludeGroups: [], includeRoles: [], excludeRoles: [], ...users },
    applications: { includeApplications: ["All"] },
    locations: { includeLocations: ["loc-src"], excludeLocations: ["AllTrusted", "loc-gone"] },
  },
  grantControls: { operator: "OR", builtInControls: ["block"] },
});

describe("restorePayload: Conditional Access", () => {
  it("remaps named locations and groups, keeps keywords and drops what cannot be mapped", () => {
    const planned = restorePayload(
      "conditionalAccessPolicies",
      policy("enabled", { excludeGroups: ["admins-src"], excludeUsers: ["u-1"] }),
      {
        idMap: crossTenant,
      },
    );
    const conditions = planned.body.conditions as { users: Record<string, string[]>; locations: Record<string, string[]> };
    expect(conditions.locations).toEqual({ includeLocations: ["loc-dst"], excludeLocations: ["AllTrusted"] });
    expect(conditions.users.excludeGroups).toEqual(["admins-dst"]);
    expect(conditions.users.includeUsers).toEqual(["All"]);
    expect(conditions.users.excludeUsers).toEqual([]);
    expect(planned.unmapped.map((reference) => [reference.kind, reference.sourceId])).toEqual([
      ["namedLocations", "loc-gone"],
      ["users", "u-1"],
    ]);
    expect(planned.body).not.toHaveProperty("modifiedDateTime");
    expect(planned.body).not.toHaveProperty("templateId");
  });

  it("writes an enabled policy report-only by default, enabled when switched on, a disabled one disabled", () => {
    const enabled = policy("enabled", { excludeGroups: ["admins-src"] });
    const safe = restorePayload("conditionalAccessPolicies", enabled, { idMap: crossTenant });
    expect(safe.body.state).toBe("enabledForReportingButNotEnforced");
    expect(safe.expectedDocument.state).toBe("enabledForReportingButNotEnforced");
    expect(safe.enforcement).toEqual({
      sourceState: "enabled",
      writtenState: "enabledForReportingButNotEnforced",
      reportOnly: true,
      switchedOn: false,
      excludesNoAdministrators: false,
    });
    const on = restorePayload("conditionalAccessPolicies", enabled, { idMap: crossTenant, switchedOn: true });
    expect(on.body.state).toBe("enabled");
    expect(on.enforcement?.excludesNoAdministrators).toBe(false);
    expect(restorePayload("conditionalAccessPolicies", policy("disabled", {}), { idMap: crossTenant }).body.state).toBe("disabled");
  });

  it("judges the lockout on the mapped exclusions: an excluded group missing in the target excludes nobody", () => {
    const lockout = (users: Record<string, string[]>) =>
      restorePayload("conditionalAccessPolicies", policy("enabled", users), { idMap: crossTenant, switchedOn: true }).enforcement
        ?.excludesNoAdministrators;
    expect(lockout({})).toBe(true);
    expect(lockout({ excludeUsers: ["GuestsOrExternalUsers"] })).toBe(true);
    expect(lockout({ excludeGroups: ["unknown-group"] })).toBe(true);
    expect(lockout({ excludeGroups: ["admins-src"] })).toBe(false);
    expect(lockout({ excludeRoles: ["62e90394-69f5-4237-9190-012177145e10"] })).toBe(false);
    // Report-only never locks anyone out, whatever it excludes.
    expect(
      restorePayload("conditionalAccessPolicies", policy("enabled", {}), { idMap: crossTenant }).enforcement?.excludesNoAdministrators,
    ).toBe(false);
  });

  it("names its location type on create and never sends the service's dates", () => {
    const location = {
      "@odata.type": "#microsoft.graph.ipNamedLocation",
      id: "loc-src",
      displayName: "Head office",
      createdDateTime: "2024-01-01T00:00:00Z",
      modifiedDateTime: "2024-01-02T00:00:00Z",
      isTrusted: true,
      ipRanges: [{ "@odata.type": "#microsoft.graph.iPv4CidrRange", cidrAddress: "203.0.113.0/28" }],
    };
    expect(restorePayload("namedLocations", location, { idMap: crossTenant }).body).toEqual({
      "@odata.type": "#microsoft.graph.ipNamedLocation",
      displayName: "Head office",
      isTrusted: true,
      ipRanges: [{ "@odata.type": "#microsoft.graph.iPv4CidrRange", cidrAddress: "203.0.113.0/28" }],
    });
  });
});
