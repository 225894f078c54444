export { createDb, type Db, PREPARED, PREPARED_STATEMENT } from "./client.ts";
export * from "./connection.ts";
export { migrateDatabase, MIGRATIONS_FOLDER } from "./migrate.ts";
export { startEmbeddedPostgres, readEmbeddedState } from "./embedded.ts";
export {
  BackupSetStatus,
  BackupTrigger,
  EnvironmentReviewStatus,
  MembershipRole,
  RestoreRunStatus,
  RestoreScopeMode,
  OperationRunOutcome,
  OperationRunStatus,
  Prisma,
} from "./generated/prisma/client.ts";
export type {
  ApiToken,
  AuditEvent,
  Baseline,
  BaselineAssignment,
  BaselineDeployment,
  BaselineItem,
  BaselineVersion,
  DriftAcceptance,
  DriftFinding,
  DriftSchedule,
  BackupItem,
  BackupSchedule,
  BackupSet,
  EnvironmentReview,
  EvidenceSnapshot,
  InventoryItem,
  InventorySetting,
  ManagedEnvironment,
  Membership,
  Notification,
  OperationRun,
  OperationRunEvent,
  PolicyVersion,
  RestoreIdRemap,
  RestoreItem,
  RestoreRun,
  RestoreRunEvent,
  ReviewSchedule,
  Session,
  User,
  Workspace,
} from "./generated/prisma/client.ts";
// The Pothos integration generated from schema.prisma: the API's schema builder is typed by it.
export type { default as PothosPrismaTypes } from "./generated/prisma/pothos-types.ts";
export { getDatamodel as pothosPrismaDatamodel } from "./generated/prisma/pothos-types.ts";
