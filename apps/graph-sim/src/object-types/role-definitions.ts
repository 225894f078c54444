// Intune role definitions (beta, deviceAndAppManagementRoleDefinition). Every tenant has
// Microsoft's built-in roles, with the same ids everywhere; they cannot be changed or deleted (400).
// Custom roles combine resource actions and carry scope tags. Role assignments (who holds a role
// over which groups) reference them: role-assignments.ts.

import type { DeviceAndAppManagementRoleDefinition } from "@microsoft/microsoft-graph-types-beta";
import { deterministicGuid } from "../deterministic.ts";
import type { SeedObject } from "../types.ts";
import type { ObjectTypeDefinition, SeedContext, SeedEntity } from "./definition.ts";

const BUILT_IN = [
  { name: "Help Desk Operator", actions: ["Microsoft.Intune_ManagedDevices_Read", "Microsoft.Intune_RemoteTasks_RebootNow"] },
  {
    name: "Policy and Profile manager",
    actions: ["Microsoft.Intune_DeviceConfigurations_Create", "Microsoft.Intune_DeviceConfigurations_Update"],
  },
  { name: "Read Only Operator", actions: ["Microsoft.Intune_ManagedDevices_Read", "Microsoft.Intune_DeviceConfigurations_Read"] },
] as const;

const CUSTOM = [
  {
    name: "Service desk - Remote actions",
    actions: ["Microsoft.Intune_ManagedDevices_Read", "Microsoft.Intune_RemoteTasks_SyncDevice", "Microsoft.Intune_RemoteTasks_RebootNow"],
  },
  {
    name: "App packager",
    actions: ["Microsoft.Intune_MobileApps_Read", "Microsoft.Intune_MobileApps_Create", "Microsoft.Intune_MobileApps_Assign"],
  },
  { name: "Security reviewer", actions: ["Microsoft.Intune_DeviceCompliancePolices_Read", "Microsoft.Intune_SecurityBaselines_Read"] },
] as const;

function role(id: string, displayName: string, actions: readonly string[], builtIn: boolean, roleScopeTagIds: string[]): SeedObject {
  const entity: SeedEntity<DeviceAndAppManagementRoleDefinition> = {
    id,
    displayName,
    description: builtIn ? `${displayName} (built-in)` : `Custom role: ${displayName.toLowerCase()}`,
    isBuiltIn: builtIn,
    isBuiltInRoleDefinition: builtIn,
    rolePermissions: [{ resourceActions: [{ allowedResourceActions: [...actions], notAllowedResourceActions: [] }] }],
    roleScopeTagIds,
  };
  return { "@odata.type": "#microsoft.graph.deviceAndAppManagementRoleDefinition", ...entity };
}

/** Microsoft's built-in roles (the first `count`), with the ids they have in every tenant. */
export function builtInRoleDefinitions(count: number = BUILT_IN.length): SeedObject[] {
  return BUILT_IN.slice(0, count).map((builtIn) =>
    role(deterministicGuid("intune-built-in-role", builtIn.name), builtIn.name, builtIn.actions, true, ["0"]),
  );
}

/** Up to three built-in roles first (Microsoft's ids, the same in every tenant), then custom ones. */
function seedRoles(context: SeedContext, count: number): SeedObject[] {
  const roles = count > 1 ? builtInRoleDefinitions(Math.min(BUILT_IN.length, count - 1)) : [];
  for (let index = 0; roles.length < count; index++) {
    const custom = CUSTOM[index % CUSTOM.length] as (typeof CUSTOM)[number];
    const displayName = `${context.tenantName} - ${custom.name}${index >= CUSTOM.length ? ` ${Math.floor(index / CUSTOM.length) + 1}` : ""}`;
    roles.push(role(context.guid("roleDefinitions", displayName), displayName, custom.actions, false, context.roleScopeTagIds()));
  }
  return roles;
}

export const roleDefinitions: ObjectTypeDefinition = {
  key: "roleDefinitions",
  collectionPath: "deviceManagement/roleDefinitions",
  entityODataType: "#microsoft.graph.deviceAndAppManagementRoleDefinition",
  polymorphic: false,
  nameProperty: "displayName",
  foundation: true,
  defaultPageSize: 50,
  maxPageSize: 100,
  versioned: false,
  assignable: false,
  // A create is always a custom role, whatever the body claims.
  serverManaged: { isBuiltIn: false, isBuiltInRoleDefinition: false },
  builtInReadOnly: true,
  validateCreate(body) {
    const permissions = body.rolePermissions;
    if (!Array.isArray(permissions) || permissions.length === 0) return "A role definition needs 'rolePermissions'.";
    return undefined;
  },
  seed: seedRoles,
};
