import { appendFileSync } from "node:fs";
import { type Actor, confirmRestoreRun, storedReconciliation } from "@atlas/core";
import type { Db, OperationRun, RestoreRun } from "@atlas/db";
import { type ContractKey, contentHash, contractFor, createHttpGraphClient, normalizePayload, writtenStateOf } from "@atlas/graph-client";
import { DEMO_TENANTS, type GraphSim, demoTenant } from "@atlas/graph-sim";
import { afterAll, expect } from "vitest";
import { type MatrixRow, formatMatrix } from "./matrix-table.ts";
import { restoreThroughWizard } from "./restore-fixture.ts";
import { waitForCompletion } from "./sync-fixture.ts";

// The fault matrix of the reliability suite: each row is one fault, the run it hit, how that run
// ended, the proof gaps it named, and whether every object of the target equals the backup.

export type { MatrixRow } from "./matrix-table.ts";

/**
 * The proof gap codes of a run's latest reconciliation, then the reason code a provider failure
 * ended it with (e.g. PROVIDER_CONSENT_MISSING), which names what is missing where no proof was tried.
 */
export function gapCodesOf(run: { context: unknown; failureReasonCode?: string | null }): string[] {
  const gaps = [...new Set((storedReconciliation(run.context)?.latest.proofGaps ?? []).map((gap) => gap.code))];
  const reason = run.failureReasonCode;
  return reason?.startsWith("PROVIDER_") && !gaps.includes(reason) ? [...gaps, reason] : gaps;
}

/**
 * The rows of one test file. Recording a row asserts the matrix's one invariant: a run is never
 * SUCCEEDED unless every object in the target equals the backup. After the file's tests the rows
 * are printed, and appended as JSON lines to FAULT_MATRIX_OUT when set (`pnpm bench:faults`).
 */
export function useFaultMatrix(group: string): { record(row: MatrixRow): MatrixRow } {
  const rows: MatrixRow[] = [];
  afterAll(() => {
    if (rows.length === 0) return;
    console.log(`\nFault matrix: ${group}\n${formatMatrix(rows)}\n`);
    const out = process.env.FAULT_MATRIX_OUT;
    if (out) appendFileSync(out, rows.map((row) => `${JSON.stringify({ group, ...row })}\n`).join(""));
  });
  return {
    record(row) {
      rows.push(row);
      if (row.outcome === "succeeded")
        expect(row.objectsEqual, `${row.fault}: SUCCEEDED, but the target differs from the backup`).not.toBe(false);
      return row;
    },
  };
}

/**
 * Whether every restorable object the restore run scoped reads, in the target tenant of the
 * simulator, exactly as the backup holds it: captured with the product's own client and
 * normalized and hashed as a backup does, then compared with the backup's version hash. The target
 * object is found as execution finds it in the same tenant: by id, else by its name.
 */
export async function targetEqualsBackup(db: Db, graphUrl: string, restoreRunId: string): Promise<boolean> {
  const restore = await db.restoreRun.findUniqueOrThrow({ where: { id: restoreRunId }, include: { environment: true } });
  const tenant = DEMO_TENANTS.find((candidate) => candidate.tenantId === restore.environment.providerTenantId);
  if (!tenant) throw new Error(`no demo tenant ${restore.environment.providerTenantId}`);
  const client = createHttpGraphClient({ ...tenant, authorityUrl: graphUrl, graphUrl });
  const items = await db.restoreItem.findMany({
    where: { restoreRunId },
    include: { backupItem: { include: { policyVersion: { select: { contentHash: true, rawPayload: true } } } } },
  });
  for (const item of items) {
    const type = item.objectType as ContractKey;
    if (contractFor(type).restoreSupport === "previewOnly") continue;
    const byName = await client.findByDisplayName(type, item.displayName);
    const targetId = byName.some((found) => found.id === item.backupItem.providerId)
      ? item.backupItem.providerId
      : byName.length === 1
        ? String(byName[0]!.id)
        : undefined;
    if (!targetId) return false;
    const captured = await client.captureObject(type, targetId);
    const normalized = normalizePayload(type, { ...captured.raw, assignments: captured.assignments });
    if (contentHash(normalized) !== intendedHash(type, item.backupItem.policyVersion, item.switchedOn)) return false;
  }
  return true;
}

/**
 * The backup's hash, or for a Conditional Access policy the hash of the backup in the state the
 * restore writes on purpose (report-only unless switched on).
 */
function intendedHash(type: ContractKey, version: { contentHash: string; rawPayload: unknown }, switchedOn: boolean): string {
  const raw = version.rawPayload as Record<string, unknown>;
  const state = writtenStateOf(type, raw, switchedOn);
  return state === undefined ? version.contentHash : contentHash(normalizePayload(type, { ...raw, state }));
}

/** A restore run previewed and ready to confirm: faults injected after this hit only the execution. */
export async function previewedRestore(
  db: Db,
  actor: Actor,
  input: { backupSetId: string; environmentId: string; objectTypes?: string[] },
): Promise<RestoreRun> {
  const { restoreRun } = await restoreThroughWizard(db, actor, { ...input, confirm: false });
  return restoreRun;
}

/** Confirms a previewed restore by typing its target's name; returns the execution's run id. */
export async function confirmRestore(db: Db, actor: Actor, restoreRun: RestoreRun): Promise<string> {
  const { start } = await confirmRestoreRun(db, actor, {
    restoreRunId: restoreRun.id,
    acknowledgeImpact: true,
    typedTargetName: restoreRun.targetLabel,
  });
  return start.run.id;
}

/** The row of a finished restore execution: its outcome, proof gaps, and the target compared with the backup. */
export async function restoreRow(
  db: Db,
  graphUrl: string,
  fault: string,
  execution: OperationRun,
  restoreRunId: string,
): Promise<MatrixRow> {
  return {
    fault,
    run: "restore",
    outcome: execution.outcome,
    gaps: gapCodesOf(execution),
    objectsEqual: await targetEqualsBackup(db, graphUrl, restoreRunId),
  };
}

/** Confirms, waits for the execution to end and returns its matrix row. */
export async function executeRestoreRow(db: Db, graphUrl: string, actor: Actor, fault: string, restoreRun: RestoreRun) {
  const execution = await waitForCompletion(db, await confirmRestore(db, actor, restoreRun), 120_000);
  return { execution, row: await restoreRow(db, graphUrl, fault, execution, restoreRun.id) };
}

// Properties the normalization strips or the server owns: flipping them would not be drift.
const NOT_SETTINGS = new Set(["supportsScopeTags", "isAssigned"]);

/**
 * Drifts one setting of the tenant's first device configuration away from its seeded (backed up)
 * value, so a restore has a real change to write back; returns the object's id.
 */
export function driftDeviceConfiguration(sim: GraphSim, tenantName: string): string {
  const tenant = demoTenant(tenantName);
  const profile = tenant.objects.deviceConfigurations?.[0] as Record<string, unknown> | undefined;
  const property = profile && Object.keys(profile).find((key) => typeof profile[key] === "boolean" && !NOT_SETTINGS.has(key));
  if (!profile || !property) throw new Error(`${tenantName} has no device configuration with a boolean setting`);
  sim.mutate(tenant.tenantId, "deviceConfigurations", String(profile.id), { [property]: !profile[property] });
  return String(profile.id);
}
