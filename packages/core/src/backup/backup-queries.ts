import type { Db, PolicyVersion } from "@atlas/db";
import { type Actor, assertCapability } from "../access/actor.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { type SettingChange, diffNormalizedPayloads } from "./version-diff.ts";

export async function getVisiblePolicyVersion(db: Db, actor: Actor, id: string): Promise<PolicyVersion> {
  const version = await db.policyVersion.findUnique({ where: { id } });
  if (!version) throw new NotFoundError("Policy version");
  assertCapability(actor, version.workspaceId, version.managedEnvironmentId, "inventory.read", "Policy version");
  return version;
}

/** Every version of one policy, newest first. */
export async function policyHistory(db: Db, actor: Actor, versionId: string): Promise<PolicyVersion[]> {
  const version = await getVisiblePolicyVersion(db, actor, versionId);
  return db.policyVersion.findMany({
    where: { managedEnvironmentId: version.managedEnvironmentId, objectType: version.objectType, providerId: version.providerId },
    orderBy: { capturedAt: "desc" },
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
