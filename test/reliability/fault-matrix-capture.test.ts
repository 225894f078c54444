import { startBackup } from "@atlas/core";
import { type Fault, demoTenant } from "@atlas/graph-sim";
import { beforeAll, describe, expect, it } from "vitest";
import { confirmRestore, executeRestoreRow, gapCodesOf, previewedRestore, useFaultMatrix } from "../kit/fault-matrix.ts";
import { waitForCompletion } from "../kit/index.ts";
import { adminClientFor, backupOf, restoreThroughWizard } from "../kit/restore-fixture.ts";
import { useRestoreStack } from "../kit/restore-stack.ts";

// Fault matrix, capture faults: a real backup of Tailspin under the fault, then a real restore
// from what it captured; and a target without admin consent, for the preview and the backup.

const stack = useRestoreStack({ worker: "processes" });
const matrix = useFaultMatrix("capture");
const tailspin = demoTenant("Tailspin");
const environmentId = () => stack.other.environments.Tailspin!;

beforeAll(async () => {
  stack.spawnWorker();
  // The last good backup: the "had objects in the previous capture" fault needs one.
  await backupOf(stack.db, stack.other.owner, environmentId());
}, 120_000);

/** A backup under `faults`; records and returns its row and its set. */
async function backupUnder(fault: string, faults: Fault[]) {
  for (const injected of faults) stack.sim.injectFault(injected);
  try {
    const { run } = await startBackup(stack.db, stack.other.owner, { environmentId: environmentId() });
    const done = await waitForCompletion(stack.db, run.id, 90_000);
    const row = matrix.record({ fault, run: "backup", outcome: done.outcome, gaps: gapCodesOf(done), objectsEqual: null });
    return { row, backupSetId: (done.context as { backupSetId: string }).backupSetId };
  } finally {
    stack.sim.clearFaults();
  }
}

const checkCodes = (checks: unknown) => (checks as { code: string; severity: string }[]).map((check) => `${check.code}:${check.severity}`);

describe("fault matrix: capture", { timeout: 240_000 }, () => {
  it("dropped settings page: the backup is not SUCCEEDED, and a restore of the incomplete policy is refused before it writes", async () => {
    const { row, backupSetId } = await backupUnder("dropped settings page", [
      { kind: "dropPage", tenantId: tailspin.tenantId, pathContains: "/settings", page: 2 },
    ]);
    expect(row.outcome).toBe("partially_succeeded");
    expect(row.gaps).toContain("SETTINGS_COUNT_NOT_MET");
    const restoreRun = await previewedRestore(stack.db, stack.other.owner, { backupSetId, environmentId: environmentId() });
    expect(checkCodes(restoreRun.checks)).toContain("BACKUP_ITEM_INCOMPLETE:blocker");
    const refused = await confirmRestore(stack.db, stack.other.owner, restoreRun).catch((error: Error) => error);
    expect(refused).toBeInstanceOf(Error);
    matrix.record({
      fault: "dropped settings page",
      run: "restore",
      outcome: "blocked at confirm",
      gaps: ["BACKUP_ITEM_INCOMPLETE"],
      objectsEqual: null,
    });
    // Nothing was written: the policy the capture missed settings of keeps all of them.
    const policy = (tailspin.objects.configurationPolicies ?? []).find((candidate) => (candidate.settings ?? []).length > 25)!;
    expect(await adminClientFor(stack.sim, tailspin).listSettings(policy.id)).toHaveLength(policy.settings!.length);
  });

  it("dropped only page of a type: PROVIDER_COUNT_NOT_MET; the restore warns and proves only what it restored", async () => {
    const { row, backupSetId } = await backupUnder("dropped only page of a type", [
      { kind: "dropPage", tenantId: tailspin.tenantId, pathContains: "deviceHealthScripts", page: 1 },
    ]);
    expect(row.outcome).toBe("partially_succeeded");
    expect(row.gaps).toContain("PROVIDER_COUNT_NOT_MET");
    const restoreRun = await previewedRestore(stack.db, stack.other.owner, { backupSetId, environmentId: environmentId() });
    expect(checkCodes(restoreRun.checks)).toContain("BACKUP_INCOMPLETE:warning");
    const restored = await executeRestoreRow(stack.db, stack.sim.url, stack.other.owner, "dropped only page of a type", restoreRun);
    matrix.record(restored.row);
    expect(restored.row.objectsEqual).toBe(true);
  });

  it("dropped only page of a type that had objects before (no provider total): PREVIOUS_OBJECTS_UNCONFIRMED", async () => {
    const { row } = await backupUnder("dropped only page, type had objects before", [
      { kind: "ignoreCount", tenantId: tailspin.tenantId, pathContains: "deviceHealthScripts" },
      { kind: "dropPage", tenantId: tailspin.tenantId, pathContains: "deviceHealthScripts", page: 1 },
    ]);
    expect(row.outcome).toBe("partially_succeeded");
    expect(row.gaps).toContain("PREVIOUS_OBJECTS_UNCONFIRMED");
  });

  it("dropped page of the protected apps of app protection policies: SUBRESOURCE_INCOMPLETE on each policy, named", async () => {
    const { row, backupSetId } = await backupUnder("dropped apps page (app protection)", [
      { kind: "dropPage", tenantId: tailspin.tenantId, pathContains: "/apps", page: 1 },
    ]);
    expect(row.outcome).toBe("partially_succeeded");
    expect(row.gaps).toContain("SUBRESOURCE_INCOMPLETE");
    const incomplete = await stack.db.backupItem.findMany({ where: { backupSetId, objectType: { endsWith: "ManagedAppProtections" } } });
    expect(incomplete.map((item) => item.objectType).sort()).toEqual([
      "androidManagedAppProtections",
      "iosManagedAppProtections",
      "windowsManagedAppProtections",
    ]);
    for (const item of incomplete) {
      const gaps = item.gaps as { code: string; subResource: string }[];
      expect(gaps, item.displayName).toContainEqual(expect.objectContaining({ code: "SUBRESOURCE_INCOMPLETE", subResource: "apps" }));
    }
  });

  it("dropped only page of the driver update profiles: PROVIDER_COUNT_NOT_MET", async () => {
    const { row } = await backupUnder("dropped only page of driver update profiles", [
      { kind: "dropPage", tenantId: tailspin.tenantId, pathContains: "windowsDriverUpdateProfiles", page: 1 },
    ]);
    expect(row.outcome).toBe("partially_succeeded");
    expect(row.gaps).toContain("PROVIDER_COUNT_NOT_MET");
  });

  for (const stage of ["token", "graph"] as const) {
    it(`admin consent missing (${stage === "token" ? "AADSTS65001 at the token endpoint" : "403 Authorization_RequestDenied"}): preview and backup BLOCKED with PROVIDER_CONSENT_MISSING`, async () => {
      const fault = `consent missing (${stage})`;
      const backupSetId = (await stack.db.backupSet.findFirstOrThrow({ where: { managedEnvironmentId: environmentId(), hasGaps: false } }))
        .id;
      stack.sim.injectFault({ kind: "consentMissing", stage, tenantId: tailspin.tenantId });
      const { preview, restoreRun } = await restoreThroughWizard(stack.db, stack.other.owner, {
        backupSetId,
        environmentId: environmentId(),
        confirm: false,
      }).finally(() => stack.sim.clearFaults());
      matrix.record({ fault, run: "preview", outcome: preview.outcome, gaps: gapCodesOf(preview), objectsEqual: null });
      expect([preview.outcome, preview.failureReasonCode]).toEqual(["blocked", "PROVIDER_CONSENT_MISSING"]);
      expect(checkCodes(restoreRun.checks)).toContain("PROVIDER_CONSENT_MISSING:blocker");
      const { row } = await backupUnder(fault, [{ kind: "consentMissing", stage, tenantId: tailspin.tenantId }]);
      expect([row.outcome, row.gaps]).toEqual(["blocked", ["PROVIDER_CONSENT_MISSING"]]);
    });
  }
});
