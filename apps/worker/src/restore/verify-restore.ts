import type { Db, Prisma, RestoreRun } from "@atlas/db";
import type { VerificationItem } from "@atlas/core";
import { type ContractKey, type GraphClient, isGraphRequestError } from "@atlas/graph-client";
import type { ReferenceMaps } from "./reference-maps.ts";
import { expectedHash, readBackHash } from "./verification.ts";

/**
 * Reads back every applied object and compares its normalized hash with what the backup says it
 * should be (references remapped into the target). The result is an evidence snapshot linked to
 * the operation run: the proof the restore.execute adapter checks.
 */
export async function verifyRestore(
  db: Db,
  target: GraphClient,
  restore: RestoreRun,
  operationRunId: string,
  maps: ReferenceMaps,
): Promise<void> {
  const applied = await db.restoreItem.findMany({
    where: { restoreRunId: restore.id, outcome: "applied" },
    include: { backupItem: { include: { policyVersion: { select: { rawPayload: true } } } } },
    orderBy: { ordinal: "asc" },
  });
  const verified: VerificationItem[] = [];
  let unreadable = 0;
  // A few read-backs at a time; the request budget paces them against the tenant's limits.
  for (let start = 0; start < applied.length; start += 4) {
    await Promise.all(
      applied.slice(start, start + 4).map(async (item) => {
        const type = item.objectType as ContractKey;
        const planned = target.restorePayload(type, item.backupItem.policyVersion.rawPayload as Record<string, unknown>, {
          idMap: maps.idMap,
          mode: "update",
        });
        const expected = expectedHash(type, planned.expectedDocument, restore.scopeMode);
        try {
          const readBack = await target.captureObject(type, item.targetProviderId ?? "");
          const actual = readBackHash(type, readBack, restore.scopeMode);
          verified.push({
            restoreItemId: item.id,
            targetProviderId: item.targetProviderId,
            expectedHash: expected,
            actualHash: actual,
            match: actual === expected,
          });
        } catch (error) {
          if (!isGraphRequestError(error)) throw error;
          unreadable += 1;
        }
      }),
    );
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
