// Public entry of @atlas/graph-sim: a local Microsoft Graph (Intune) simulator.

export { startGraphSim } from "./server.ts";
export {
  DEMO_TENANTS,
  demoTenant,
  FABRIKAM_BASELINE_POLICY_NAME,
  GROUPS_MISSING_IN_NORTHWIND,
  PRIMARY_MSP,
  SECOND_MSP,
} from "./demo-tenants.ts";
export { buildTenantSeed, type TenantSpec, ALL_DEVICES_TARGET_ID, ALL_USERS_TARGET_ID, DEFAULT_GROUP_NAMES } from "./seed-builder.ts";
export { OBJECT_TYPES } from "./object-types/registry.ts";
export { LINE_OF_BUSINESS_APP_TYPES } from "./object-types/mobile-apps.ts";
export { builtInRoleDefinitions } from "./object-types/role-definitions.ts";
export type { ObjectTypeDefinition } from "./object-types/definition.ts";
export { INTUNE_LIMITS, WINDOW_SECONDS } from "./throttle.ts";
export { MAX_BATCH_REQUESTS } from "./batch.ts";
export { SETTINGS_PAGE_SIZE } from "./graph-routes.ts";
export type {
  AppRegistration,
  Fault,
  FaultKind,
  GraphSim,
  GraphSimOptions,
  HistoryEntry,
  ObjectTypeKey,
  SeedGroup,
  SeedObject,
  SimObject,
  TenantSeed,
  ThrottleLimits,
} from "./types.ts";
