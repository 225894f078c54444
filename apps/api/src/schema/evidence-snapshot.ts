import { RESTORE_RUN_SOURCE, type VerificationItem as VerificationItemShape, can, canSeeRestoreRun } from "@atlas/core";
import type { EvidenceSnapshot as EvidenceSnapshotRow } from "@atlas/db";
import { builder } from "../builder.ts";
import type { Context } from "../context.ts";
import { registerNodeLoader } from "./node.ts";
import { RestoreItem, restoreItemOf } from "./restore-item.ts";

const VerificationItem = builder.objectRef<VerificationItemShape & { snapshot: EvidenceSnapshotRow }>("VerificationItem").implement({
  description: "The read-back of one restored object: its normalized hash against the backup's.",
  fields: (t) => ({
    restoreItem: t.field({
      type: RestoreItem,
      nullable: true,
      description: "The restore item that was verified (null if it no longer exists).",
      resolve: (entry, _args, context) => restoreItemOf(context, entry.snapshot.restoreRunId, entry.restoreItemId),
    }),
    targetProviderId: t.string({ nullable: true, resolve: (entry) => entry.targetProviderId ?? null }),
    expectedHash: t.exposeString("expectedHash", { description: "The backup's normalized hash." }),
    actualHash: t.string({
      nullable: true,
      description: "The read-back's normalized hash; null when the object could not be read back.",
      resolve: (entry) => entry.actualHash ?? null,
    }),
    match: t.boolean({ resolve: (entry) => entry.match === true }),
  }),
});

export const EvidenceSnapshot = builder.prismaNode("EvidenceSnapshot", {
  id: { field: "id" },
  description: "Stored evidence an operation produced, e.g. the verification read-back of a restore.",
  fields: (t) => ({
    kind: t.exposeString("kind", { description: "e.g. restore_verification." }),
    status: t.exposeString("status"),
    completenessState: t.exposeString("completenessState", { description: "complete when every object in scope was read back." }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    items: t.field({
      type: [VerificationItem],
      resolve: (snapshot) =>
        (Array.isArray(snapshot.items) ? (snapshot.items as unknown as VerificationItemShape[]) : []).map((entry) => ({
          ...entry,
          snapshot,
        })),
    }),
    operationRun: t.relation("operationRun", { nullable: true, description: "The run the evidence belongs to." }),
  }),
});

/** Evidence of a restore run is visible with the run; other evidence with its environment's operations. */
export async function visibleEvidence(context: Context, rows: EvidenceSnapshotRow[]): Promise<EvidenceSnapshotRow[]> {
  const actor = context.actor;
  if (!actor) return [];
  const restoreRunIds = [...new Set(rows.map((row) => row.restoreRunId).filter((id): id is string => Boolean(id)))];
  const runs = restoreRunIds.length
    ? await context.db.restoreRun.findMany({
        where: { id: { in: restoreRunIds } },
        select: { id: true, workspaceId: true, managedEnvironmentId: true, deletedAt: true, ...RESTORE_RUN_SOURCE },
      })
    : [];
  const visibleRuns = new Set(runs.filter((run) => canSeeRestoreRun(actor, run)).map((run) => run.id));
  return rows.filter((row) => (row.restoreRunId ? visibleRuns.has(row.restoreRunId) : can(actor, "operations.read", row)));
}

registerNodeLoader("EvidenceSnapshot", async (ids, _actor, context) =>
  visibleEvidence(context, await context.db.evidenceSnapshot.findMany({ where: { id: { in: ids } } })),
);
