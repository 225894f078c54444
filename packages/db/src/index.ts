export { createDb, type Db } from "./client.ts";
export * from "./connection.ts";
export { migrateDatabase, MIGRATIONS_FOLDER } from "./migrate.ts";
export { startEmbeddedPostgres, readEmbeddedState } from "./embedded.ts";
export { Prisma, MembershipRole, OperationRunOutcome, OperationRunStatus } from "./generated/prisma/client.ts";
export type {
  ApiToken,
  AuditEvent,
  InventoryItem,
  InventorySetting,
  ManagedEnvironment,
  Membership,
  Notification,
  OperationRun,
  OperationRunEvent,
  Session,
  User,
  Workspace,
} from "./generated/prisma/client.ts";
