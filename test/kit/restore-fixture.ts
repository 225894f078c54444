import type { Db } from "@atlas/db";
import {
  type Actor,
  type RestoreScopeMode,
  confirmRestoreRun,
  createRestoreRun,
  setRestoreScope,
  startBackup,
  startRestorePreview,
} from "@atlas/core";
import { type GraphClient, allContracts, createHttpGraphClient } from "@atlas/graph-client";
import type { GraphSim } from "@atlas/graph-sim";
import { waitForCompletion } from "./sync-fixture.ts";

/** Backs an environment up through the real path and returns the completed set's id. */
export async function backupOf(db: Db, actor: Actor, environmentId: string): Promise<string> {
  const { run } = await startBackup(db, actor, { environmentId });
  const done = await waitForCompletion(db, run.id, 90_000);
  if (done.outcome !== "succeeded") throw new Error(`backup ended ${done.outcome}`);
  return (done.context as { backupSetId: string }).backupSetId;
}

/** Every type a restore writes (the registry's fully restorable types; intents are preview-only). */
export const RESTORABLE_TYPES: string[] = allContracts
  .filter((contract) => contract.restoreSupport === "full")
  .map((contract) => contract.key);

/** Walks the wizard: create, scope, preview (waits), and optionally confirm and wait for the execution. */
export async function restoreThroughWizard(
  db: Db,
  actor: Actor,
  input: {
    backupSetId: string;
    environmentId: string;
    objectTypes?: string[];
    mode?: RestoreScopeMode;
    dryRun?: boolean;
    confirm?: boolean;
    /** Conditional Access policies (backup item ids) switched on in the preview. */
    switchedOnItemIds?: string[];
  },
) {
  const created = await createRestoreRun(db, actor, {
    backupSetId: input.backupSetId,
    environmentId: input.environmentId,
    dryRun: input.dryRun ?? false,
  });
  await setRestoreScope(db, actor, {
    restoreRunId: created.id,
    objectTypes: input.objectTypes ?? RESTORABLE_TYPES,
    mode: input.mode ?? "with_assignments",
    switchedOnItemIds: input.switchedOnItemIds ?? null,
  });
  const { start } = await startRestorePreview(db, actor, { restoreRunId: created.id });
  const preview = await waitForCompletion(db, start.run.id, 90_000);
  const previewed = await db.restoreRun.findUniqueOrThrow({ where: { id: created.id } });
  if (input.confirm === false) return { restoreRun: previewed, preview, execution: undefined };
  const confirmed = await confirmRestoreRun(db, actor, {
    restoreRunId: created.id,
    acknowledgeImpact: true,
    typedTargetName: previewed.targetLabel,
  });
  const execution = await waitForCompletion(db, confirmed.start.run.id, 120_000);
  return { restoreRun: await db.restoreRun.findUniqueOrThrow({ where: { id: created.id } }), preview, execution };
}

/** POST creates per display name the simulator saw for a tenant (a duplicate shows as > 1). */
export function createsByName(sim: GraphSim, tenantId: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const entry of sim.history({ tenantId })) {
    const name = (entry as { createdDisplayName?: string }).createdDisplayName;
    if (entry.method === "POST" && name && entry.status < 300) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}

/** A provider client for a simulator tenant, for tests that change the tenant the way an admin would. */
export function adminClientFor(sim: GraphSim, tenant: { tenantId: string; clientId: string; clientSecret: string }): GraphClient {
  return createHttpGraphClient({ ...tenant, authorityUrl: sim.url, graphUrl: sim.url });
}
