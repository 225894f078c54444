import type { Db, Prisma, RestoreRun } from "@atlas/db";
import type { ContractKey, GraphClient } from "@atlas/graph-client";
import type { VerificationItem } from "./restore-execute-adapter.ts";
import type { ReferenceMaps } from "./reference-maps.ts";
import { expectedHash, readBackHash } from "./verification-hash.ts";

const READ_CONCURRENCY = 8;

interface AppliedItem {
  id: string;
  objectType: string;
  targetProviderId: string | null;
  /** Conditional Access: written enabled instead of report-only, so that is what must read back. */
  switchedOn: boolean;
  backupItem: { policyVersion: { rawPayload: unknown } };
}

/** What the backup says the restored object must read back as (references remapped into the target). */
function expectedOf(target: GraphClient, restore: RestoreRun, item: AppliedItem, maps: ReferenceMaps): string {
  const type = item.objectType as ContractKey;
  const planned = target.restorePayload(type, item.backupItem.policyVersion.rawPayload as Record<string, unknown>, {
    idMap: maps.idMap,
    mode: "update",
    switchedOn: item.switchedOn,
  });
  return expectedHash(type, planned.expectedDocument, restore.scopeMode);
}

/**
 * Reads the restored objects of one type back in shared $batch rounds and compares each
 * normalized hash with the backup's. An object the provider says is gone (404) is a definite
 * mismatch: no later read can prove it restored. Any other unreadable object has no entry (its
 * proof is missing, not disproved).
 */
async function verifyType(target: GraphClient, restore: RestoreRun, type: ContractKey, items: AppliedItem[], maps: ReferenceMaps) {
  const outcomes = await target.captureObjects(
    type,
    items.map((item) => item.targetProviderId ?? ""),
    { concurrency: READ_CONCURRENCY },
  );
  const byId = new Map(outcomes.map((outcome) => [outcome.id, outcome]));
  const verified: VerificationItem[] = [];
  for (const item of items) {
    const outcome = byId.get(item.targetProviderId ?? "");
    if (!outcome) continue;
    const expected = expectedOf(target, restore, item, maps);
    if ("error" in outcome) {
      if (outcome.error.status === 404)
        verified.push({
          restoreItemId: item.id,
          targetProviderId: item.targetProviderId,
          expectedHash: expected,
          actualHash: null,
          match: false,
        });
      continue;
    }
    const actual = readBackHash(type, outcome.captured, restore.scopeMode);
    verified.push({
      restoreItemId: item.id,
      targetProviderId: item.targetProviderId,
      expectedHash: expected,
      actualHash: actual,
      match: actual === expected,
    });
  }
  return verified;
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
  for (const type of new Set(applied.map((item) => item.objectType))) {
    const ofType = applied.filter((item) => item.objectType === type);
    verified.push(...(await verifyType(target, restore, type as ContractKey, ofType, maps)));
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
