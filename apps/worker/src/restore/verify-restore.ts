import type { VerificationItem } from "@atlas/core";
import type { Db, Prisma, RestoreRun } from "@atlas/db";
import { type ContractKey, type GraphClient, isGraphRequestError } from "@atlas/graph-client";
import type { ReferenceMaps } from "./reference-maps.ts";
import { expectedHash, readBackHash } from "./verification.ts";

interface AppliedItem {
  id: string;
  objectType: string;
  targetProviderId: string | null;
  backupItem: { policyVersion: { rawPayload: unknown } };
}

/**
 * Reads one restored object back and compares its normalized hash with what the backup says it
 * should be (references remapped into the target). Undefined when the object cannot be read.
 */
export async function verifyItem(
  target: GraphClient,
  restore: RestoreRun,
  item: AppliedItem,
  maps: ReferenceMaps,
): Promise<VerificationItem | undefined> {
  const type = item.objectType as ContractKey;
  const planned = target.restorePayload(type, item.backupItem.policyVersion.rawPayload as Record<string, unknown>, {
    idMap: maps.idMap,
    mode: "update",
  });
  const expected = expectedHash(type, planned.expectedDocument, restore.scopeMode);
  try {
    const readBack = await target.captureObject(type, item.targetProviderId ?? "");
    const actual = readBackHash(type, readBack, restore.scopeMode);
    return {
      restoreItemId: item.id,
      targetProviderId: item.targetProviderId,
      expectedHash: expected,
      actualHash: actual,
      match: actual === expected,
    };
  } catch (error) {
    if (!isGraphRequestError(error)) throw error;
    return undefined;
  }
}

/**
 * Completes the verification of every applied object (those read back right after their write are
 * passed in; a resumed job reads the rest) and stores it as an evidence snapshot linked to the
 * operation run: the proof the restore.execute adapter checks.
 */
export async function verifyRestore(
  db: Db,
  target: GraphClient,
  restore: RestoreRun,
  operationRunId: string,
  maps: ReferenceMaps,
  alreadyVerified: Map<string, VerificationItem>,
): Promise<void> {
  const applied = await db.restoreItem.findMany({
    where: { restoreRunId: restore.id, outcome: "applied" },
    include: { backupItem: { include: { policyVersion: { select: { rawPayload: true } } } } },
    orderBy: { ordinal: "asc" },
  });
  const verified: VerificationItem[] = [];
  let unreadable = 0;
  const missing = applied.filter((item) => !alreadyVerified.has(item.id));
  for (let start = 0; start < missing.length; start += 4) {
    const results = await Promise.all(missing.slice(start, start + 4).map((item) => verifyItem(target, restore, item, maps)));
    for (const result of results) {
      if (result) alreadyVerified.set(result.restoreItemId, result);
    }
  }
  for (const item of applied) {
    const result = alreadyVerified.get(item.id);
    if (result) verified.push(result);
    else unreadable += 1;
  }
  await db.evidenceSnapshot.create({
    data: {
      workspaceId: restore.workspaceId,
      managedEnvironmentId: restore.managedEnvironmentId,
      operationRunId,
      restoreRunId: restore.id,
      kind: "restore_verification",
      status: "captured",
      completenessState: unreadable === 0 ? "complete" : "incomplete",
      items: verified as unknown as Prisma.InputJsonValue,
    },
  });
}
