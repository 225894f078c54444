import { actorFromApiToken, createApiToken } from "@atlas/core";
import { demoTenant } from "@atlas/graph-sim";
import { beforeAll, describe, expect, it } from "vitest";
import { driftDeviceConfiguration, executeRestoreRow, previewedRestore, useFaultMatrix } from "../kit/fault-matrix.ts";
import { adminClientFor, backupOf } from "../kit/restore-fixture.ts";
import { useRestoreStack } from "../kit/restore-stack.ts";

// Fault matrix, write faults: a real restore of Tailspin into itself (every restorable type, one
// device configuration drifted so there is a change to write back) by a real worker process, with
// one fault injected into the simulator between the preview and the execution.

const stack = useRestoreStack({ worker: "processes" });
const matrix = useFaultMatrix("writes");
const tailspin = demoTenant("Tailspin");
let backupSetId: string;

beforeAll(async () => {
  stack.spawnWorker();
  backupSetId = await backupOf(stack.db, stack.other.owner, stack.other.environments.Tailspin!);
}, 120_000);

/** Drift, preview, inject the fault, execute; returns the execution and its recorded row. */
async function restoreUnder(fault: string, inject: (profileId: string) => void, actor = stack.other.owner) {
  const profileId = driftDeviceConfiguration(stack.sim, "Tailspin");
  const restoreRun = await previewedRestore(stack.db, actor, { backupSetId, environmentId: stack.other.environments.Tailspin! });
  stack.sim.clearHistory();
  inject(profileId);
  try {
    const { execution, row } = await executeRestoreRow(stack.db, stack.sim.url, actor, fault, restoreRun);
    return { execution, row: matrix.record(row), restoreRun, profileId };
  } finally {
    stack.sim.clearFaults();
  }
}

const faultHits = (kind: string) => stack.sim.history({ tenantId: tailspin.tenantId }).filter((entry) => entry.fault === kind).length;

describe("fault matrix: writes", { timeout: 240_000 }, () => {
  it("no fault: the restore is proven SUCCEEDED and the target equals the backup", async () => {
    const { row } = await restoreUnder("none (control)", () => {});
    expect(row).toMatchObject({ outcome: "succeeded", gaps: [], objectsEqual: true });
  });

  it("503 storm mid-write: retried past the storm, proven only because every object equals the backup", async () => {
    const { row } = await restoreUnder("503 storm mid-write", () =>
      stack.sim.injectFault({
        kind: "serverError",
        status: 503,
        tenantId: tailspin.tenantId,
        pathContains: "deviceCompliancePolicies",
        count: 4,
      }),
    );
    expect(faultHits("serverError")).toBe(4);
    expect(row).toMatchObject({ outcome: "succeeded", objectsEqual: true });
  });

  it("429 storm: Retry-After honoured, nothing lost, never SUCCEEDED on a claim the items do not back", async () => {
    const { row, restoreRun } = await restoreUnder("429 storm", () =>
      stack.sim.injectFault({ kind: "throttleStorm", tenantId: tailspin.tenantId, count: 12, retryAfterSeconds: 2 }),
    );
    expect(faultHits("throttleStorm")).toBe(12);
    expect(row.objectsEqual).toBe(true);
    if (row.outcome !== "succeeded") {
      // Seen in one of four runs: an item recorded as not applied although every object is in
      // place; the run then says so (an open finding, reported with the items for diagnosis).
      const notApplied = await stack.db.restoreItem.findMany({
        where: { restoreRunId: restoreRun.id, outcome: { not: "applied" } },
        select: { objectType: true, outcome: true, errorCode: true, errorMessage: true },
      });
      console.warn(`429 storm: items not applied ${JSON.stringify(notApplied)}`);
      expect(row.outcome).toBe("partially_succeeded");
      expect(row.gaps).toContain("ITEMS_NOT_ALL_APPLIED");
    }
  });

  it("token-confirmed restore: audited as the token and proven SUCCEEDED", async () => {
    const token = await createApiToken(stack.db, { workspaceId: stack.other.workspaceId, name: "Matrix RMM", role: "manager" });
    const partner = (await actorFromApiToken(stack.db, token.token))!;
    const { row, restoreRun } = await restoreUnder("token-confirmed restore", () => {}, partner);
    const audit = await stack.db.auditEvent.findFirstOrThrow({ where: { action: "restore_run.executed", targetId: restoreRun.id } });
    expect([audit.actorType, audit.actorId]).toEqual(["token", token.id]);
    expect(row).toMatchObject({ outcome: "succeeded", gaps: [], objectsEqual: true });
  });

  it("write accepted but the read-back differs: VERIFICATION_MISMATCH, never SUCCEEDED", async () => {
    const { row } = await restoreUnder("write accepted, read-back differs", (profileId) =>
      stack.sim.injectFault({ kind: "mutateAfterWrite", tenantId: tailspin.tenantId, pathContains: profileId, count: 1 }),
    );
    expect(row).toMatchObject({ outcome: "partially_succeeded", objectsEqual: false });
    expect(row.gaps).toContain("VERIFICATION_MISMATCH");
  });

  it("two items to one target: the second fails TARGET_COLLISION, one write per target, never SUCCEEDED", async () => {
    const [a, b] = tailspin.objects.deviceConfigurations as { id: string; displayName: string }[];
    // Two profiles with one name, backed up; after the preview an admin deletes B, so B resolves by name to A.
    stack.sim.mutate(tailspin.tenantId, "deviceConfigurations", b!.id, { displayName: a!.displayName });
    const collidingSetId = await backupOf(stack.db, stack.other.owner, stack.other.environments.Tailspin!);
    const restoreRun = await previewedRestore(stack.db, stack.other.owner, {
      backupSetId: collidingSetId,
      environmentId: stack.other.environments.Tailspin!,
      objectTypes: ["deviceConfigurations"],
    });
    const [deleted] = await adminClientFor(stack.sim, tailspin).batch([
      { method: "DELETE", path: `/v1.0/deviceManagement/deviceConfigurations/${b!.id}` },
    ]);
    expect(deleted!.status).toBe(204);
    stack.sim.clearHistory();
    const { row } = await executeRestoreRow(stack.db, stack.sim.url, stack.other.owner, "two items to one target", restoreRun);
    matrix.record(row);
    const writesToA = stack.sim
      .history({ tenantId: tailspin.tenantId })
      .filter((entry) => entry.method === "PATCH" && entry.path.includes(a!.id) && entry.status < 300);
    expect(writesToA).toHaveLength(1);
    expect(row.outcome).toBe("partially_succeeded");
    expect(row.gaps).toContain("TARGET_COLLISION");
  });

  // Last: the drifted profile is gone from the tenant afterwards.
  it("target deleted between its write and the verification: a definite mismatch, PARTIALLY_SUCCEEDED at once", async () => {
    const { row } = await restoreUnder("target deleted before verification", (profileId) =>
      stack.sim.injectFault({ kind: "deleteAfterWrite", tenantId: tailspin.tenantId, pathContains: `${profileId}/assign`, count: 1 }),
    );
    expect(faultHits("deleteAfterWrite")).toBe(1);
    expect(row).toMatchObject({ outcome: "partially_succeeded", objectsEqual: false });
    expect(row.gaps).toContain("VERIFICATION_MISMATCH");
  });
});
