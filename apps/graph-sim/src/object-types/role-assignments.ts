// Intune role assignments (beta, deviceAndAppManagementRoleAssignment): who holds a role (`members`,
// Entra group ids) over which groups (`scopeMembers`, and its older name `resourceScopes`) and which
// scope tags. The role is the navigation `roleDefinition`: written with `roleDefinition@odata.bind`,
// returned only with `$expand=roleDefinition`. Groups and the role must be of the same tenant.

import type { DeviceAndAppManagementRoleAssignment } from "@microsoft/microsoft-graph-types-beta";
import { idOfBind } from "../odata-bind.ts";
import type { TenantStore } from "../tenant-store.ts";
import type { SeedObject } from "../types.ts";
import type { ObjectTypeDefinition } from "./definition.ts";

const TEAMS = [
  { topic: "Service desk", scope: "resourceScope" },
  { topic: "App packaging", scope: "resourceScope" },
  { topic: "Security review", scope: "allDevicesAndLicensedUsers" },
] as const;

const GROUP_PROPERTIES = ["members", "scopeMembers", "resourceScopes"] as const;

export const roleAssignments: ObjectTypeDefinition = {
  key: "roleAssignments",
  collectionPath: "deviceManagement/roleAssignments",
  entityODataType: "#microsoft.graph.deviceAndAppManagementRoleAssignment",
  polymorphic: false,
  nameProperty: "displayName",
  foundation: false,
  defaultPageSize: 50,
  maxPageSize: 100,
  versioned: false,
  assignable: false,
  singleNavigations: { roleDefinition: "roleDefinitions" },
  validateCreate(body) {
    return typeof body["roleDefinition@odata.bind"] === "string" ? undefined : "A role assignment needs 'roleDefinition@odata.bind'.";
  },
  seed(context, count) {
    const roles = (context.seeded.roleDefinitions ?? []).filter((role) => role.isBuiltIn !== true);
    const builtIn = (context.seeded.roleDefinitions ?? []).filter((role) => role.isBuiltIn === true);
    const assignments: SeedObject[] = [];
    for (let index = 0; index < count; index++) {
      const team = TEAMS[index % TEAMS.length] as (typeof TEAMS)[number];
      // Mostly the tenant's custom roles, every third Microsoft's Help Desk Operator (the same role in every tenant).
      const role = index % 3 === 2 && builtIn.length > 0 ? builtIn[0] : (roles[index % Math.max(roles.length, 1)] ?? builtIn[0]);
      if (!role) break;
      const displayName = `${context.tenantName} - ${team.topic}${index >= TEAMS.length ? ` ${Math.floor(index / TEAMS.length) + 1}` : ""}`;
      const members = [context.random.pick(context.groups).id];
      const scopeMembers =
        team.scope === "resourceScope"
          ? [...new Set([context.random.pick(context.groups).id, context.random.pick(context.groups).id])]
          : [];
      const entity: Omit<DeviceAndAppManagementRoleAssignment, "roleDefinition" | "roleScopeTags"> & { id: string } = {
        id: context.guid("roleAssignments", displayName),
        displayName,
        description: `${team.topic} staff holding ${String(role.displayName)}`,
        members,
        scopeMembers,
        resourceScopes: scopeMembers,
        scopeType: team.scope,
        roleScopeTagIds: context.roleScopeTagIds(),
      };
      assignments.push({
        "@odata.type": "#microsoft.graph.deviceAndAppManagementRoleAssignment",
        ...entity,
        roleDefinition: { id: role.id },
      });
    }
    return assignments;
  },
};

/** Members and scope groups must be groups of this tenant's directory; the role one of its role definitions. */
export function roleAssignmentReferenceProblem(store: TenantStore, body: Record<string, unknown>): string | undefined {
  for (const property of GROUP_PROPERTIES) {
    const ids = body[property];
    if (ids === undefined || ids === null) continue;
    if (!Array.isArray(ids)) return `'${property}' must be an array of group ids.`;
    const unknown = ids.find((id) => typeof id !== "string" || !store.hasGroup(id));
    if (unknown !== undefined) return `Group '${String(unknown)}' in '${property}' was not found in the directory of this tenant.`;
  }
  const bind = body["roleDefinition@odata.bind"];
  if (typeof bind === "string" && !store.find("roleDefinitions", idOfBind(bind))) {
    return `Role definition '${idOfBind(bind)}' was not found in this tenant.`;
  }
  return undefined;
}
