import { BackupTrigger, type Db, type PolicyVersion, type Prisma } from "@atlas/db";
import { type Actor, assertCapability } from "../access/actor.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { type SettingChange, diffNormalizedPayloads } from "./version-diff.ts";

/**
 * Backup sets that are captures of the tenant. A `baseline` set is a baseline version written out as
 * a set only so the restore pipeline can deploy it (deployments/materialize-baseline.ts): its
 * objects were never read from the tenant and its provider ids are not the tenant's. So it is never
 * the "last backup", a retention candidate, review evidence or the previous capture a listing is
 * proven against; every such query spreads this filter into its where.
 * The filter lists the other triggers rather than saying "not baseline": PostgreSQL matches a list
 * in the index on (workspace_id, trigger) once per query, where it checks `<>` row by row (casting
 * the parameter each time), so a workspace's sets are counted from the index (migration 000021).
 */
const CAPTURED_TRIGGERS = Object.values(BackupTrigger).filter((trigger) => trigger !== BackupTrigger.baseline);
export const CAPTURED_BACKUP_SETS = { trigger: { in: CAPTURED_TRIGGERS } } satisfies Prisma.BackupSetWhereInput;

export async function getVisiblePolicyVersion(db: Db, actor: Actor, id: string): Promise<PolicyVersion> {
  const version = await db.policyVersion.findUnique({ where: { id } });
  if (!version) throw new NotFoundError("Policy version");
  assertCapability(actor, version.workspaceId, version.managedEnvironmentId, "inventory.read", "Policy version");
  return version;
}

export interface PolicyVersionFilter {
  types?: string[] | null;
  providerIds?: string[] | null;
}

/** The versions captured in one environment matching the filter; Forbidden without inventory.read there. */
export function policyVersionsWhere(
  actor: Actor,
  environment: { id: string; workspaceId: string },
  filter: PolicyVersionFilter = {},
): Prisma.PolicyVersionWhereInput {
  assertCapability(actor, environment.workspaceId, environment.id, "inventory.read", "Environment");
  return {
    workspaceId: environment.workspaceId,
    managedEnvironmentId: environment.id,
    ...(filter.types?.length ? { objectType: { in: filter.types } } : {}),
    ...(filter.providerIds?.length ? { providerId: { in: filter.providerIds } } : {}),
  };
}

/** Every version of one policy, newest first. */
export async function policyHistory(db: Db, actor: Actor, versionId: string): Promise<PolicyVersion[]> {
  const version = await getVisiblePolicyVersion(db, actor, versionId);
  return db.policyVersion.findMany({
    where: { managedEnvironmentId: version.managedEnvironmentId, objectType: version.objectType, providerId: version.providerId },
    orderBy: [{ capturedAt: "desc" }, { id: "desc" }],
  });
}

/** The changed settings between two versions of the same policy. */
export async function policyVersionDiff(
  db: Db,
  actor: Actor,
  fromId: string,
  toId: string,
): Promise<{ from: PolicyVersion; to: PolicyVersion; changes: SettingChange[] }> {
  const [from, to] = await Promise.all([getVisiblePolicyVersion(db, actor, fromId), getVisiblePolicyVersion(db, actor, toId)]);
  if (from.objectType !== to.objectType) {
    throw new ValidationError("Only versions of the same object type can be compared.", [
      { path: ["toId"], message: `Expected a ${from.objectType} version.` },
    ]);
  }
  return { from, to, changes: diffNormalizedPayloads(from.normalizedPayload, to.normalizedPayload) };
}

/**
 * The newest backup item holding this exact version, with its set: where "restore this version"
 * takes its source from. Null when no backup holds it (a snapshot that was never part of a set).
 */
export async function newestBackupItemOfVersion(db: Db, actor: Actor, versionId: string) {
  const version = await getVisiblePolicyVersion(db, actor, versionId);
  return db.backupItem.findFirst({
    where: { policyVersionId: version.id, managedEnvironmentId: version.managedEnvironmentId, backupSet: { status: "completed" } },
    orderBy: [{ backupSet: { createdAt: "desc" } }, { id: "desc" }],
  });
}
