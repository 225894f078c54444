import type { Db, Prisma, RestoreRun } from "@atlas/db";
import { type ContractKey, type GraphClient, isGraphRequestError } from "@atlas/graph-client";
import type { VerificationItem } from "./restore-execute-adapter.ts";
import type { ReferenceMaps } from "./reference-maps.ts";
import { expectedHash, readBackHash } from "./verification-hash.ts";

const READ_CONCURRENCY = 4;

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
 * The run's final verification phase: after the last write, reads EVERY applied object back (a
 * read-back taken earlier in the run cannot stand in: a later write or an admin may have changed
 * the object since) and stores the result as an evidence snapshot linked to the operation run.
 * Returns the snapshot's id, which the run records as its final verification.
 */
export async function verifyRestore(
  db: Db,
  target: GraphClient,
  restore: RestoreRun,
  operationRunId: string,
  maps: ReferenceMaps,
): Promise<string> {
  const applied = await db.restoreItem.findMany({
    where: { restoreRunId: restore.id, outcome: "applied" },
    include: { backupItem: { include: { policyVersion: { select: { rawPayload: true } } } } },
    orderBy: { ordinal: "asc" },
  });
  const verified: VerificationItem[] = [];
  for (let start = 0; start < applied.length; start += READ_CONCURRENCY) {
    const results = await Promise.all(
      applied.slice(start, start + READ_CONCURRENCY).map((item) => verifyItem(target, restore, item, maps)),
    );
    for (const result of results) if (result) verified.push(result);
  }
  const snapshot = await db.evidenceSnapshot.create({
    data: {
      workspaceId: restore.workspaceId,
      managedEnvironmentId: restore.managedEnvironmentId,
      operationRunId,
      restoreRunId: restore.id,
      kind: "restore_verification",
      status: "captured",
      completenessState: verified.length === applied.length ? "complete" : "incomplete",
      items: verified as unknown as Prisma.InputJsonValue,
    },
  });
  return snapshot.id;
}
