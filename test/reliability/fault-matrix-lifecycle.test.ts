import type { ChildProcess } from "node:child_process";
import { stopProcess } from "@atlas/cli/processes";
import { cancelOperationRun } from "@atlas/core";
import { demoTenant } from "@atlas/graph-sim";
import { beforeAll, describe, expect, it } from "vitest";
import { confirmRestore, driftDeviceConfiguration, gapCodesOf, previewedRestore, restoreRow, useFaultMatrix } from "../kit/fault-matrix.ts";
import { eventually, waitForCompletion } from "../kit/index.ts";
import { backupOf } from "../kit/restore-fixture.ts";
import { useRestoreStack } from "../kit/restore-stack.ts";

// Fault matrix, run lifecycle: cancels, a deleted restore run and a worker SIGKILLed between the
// last write and the final read-back, each against a real restore of Northwind into itself.

const stack = useRestoreStack({ worker: "processes" });
const matrix = useFaultMatrix("lifecycle");
const northwind = demoTenant("Northwind");
let backupSetId: string;
let worker: ChildProcess;

beforeAll(async () => {
  worker = stack.spawnWorker();
  backupSetId = await backupOf(stack.db, stack.owner, stack.environments.Northwind!);
}, 120_000);

async function previewed() {
  driftDeviceConfiguration(stack.sim, "Northwind");
  return previewedRestore(stack.db, stack.owner, { backupSetId, environmentId: stack.environments.Northwind! });
}

const itemsDone = (restoreRunId: string) => stack.db.restoreItem.count({ where: { restoreRunId, outcome: { not: "pending" } } });
/** Writes to the tenant's Intune objects (token requests and $batch reads are not writes). */
const writes = () =>
  stack.sim
    .history({ tenantId: northwind.tenantId })
    .filter((entry) => entry.method !== "GET" && entry.path.includes("/deviceManagement/") && !entry.path.includes("$batch"));

describe("fault matrix: run lifecycle", { timeout: 240_000 }, () => {
  it("cancel while queued: CANCELLED, the restore run cancelled, nothing written", async () => {
    const restoreRun = await previewed();
    await stopProcess(worker);
    stack.sim.clearHistory();
    const runId = await confirmRestore(stack.db, stack.owner, restoreRun);
    await cancelOperationRun(stack.db, stack.owner, runId);
    worker = stack.spawnWorker();
    const run = await waitForCompletion(stack.db, runId);
    const row = matrix.record(await restoreRow(stack.db, stack.sim.url, "cancel while queued", run, restoreRun.id));
    expect(row.outcome).toBe("cancelled");
    expect((await stack.db.restoreRun.findUniqueOrThrow({ where: { id: restoreRun.id } })).status).toBe("cancelled");
    expect(writes()).toEqual([]);
    expect(row.objectsEqual).toBe(false); // the drift stays: nothing was restored
  });

  it("cancel mid-run: CANCELLED before the next item, items not started stay pending", async () => {
    const restoreRun = await previewed();
    stack.sim.injectFault({ kind: "latency", tenantId: northwind.tenantId, ms: 300, count: 100_000 });
    const runId = await confirmRestore(stack.db, stack.owner, restoreRun);
    await eventually(async () => (await itemsDone(restoreRun.id)) >= 2, { timeout: 60_000, what: "two items written" });
    await cancelOperationRun(stack.db, stack.owner, runId);
    const run = await waitForCompletion(stack.db, runId, 60_000);
    stack.sim.clearFaults();
    const row = matrix.record(await restoreRow(stack.db, stack.sim.url, "cancel mid-run", run, restoreRun.id));
    expect(row.outcome).toBe("cancelled");
    expect((await stack.db.restoreRun.findUniqueOrThrow({ where: { id: restoreRun.id } })).status).toBe("cancelled");
    expect(await stack.db.restoreItem.count({ where: { restoreRunId: restoreRun.id, outcome: "pending" } })).toBeGreaterThan(0);
  });

  it("restore run row deleted mid-run: FAILED with RESTORE_RUN_MISSING, never stuck", async () => {
    const restoreRun = await previewed();
    stack.sim.injectFault({ kind: "latency", tenantId: northwind.tenantId, ms: 300, count: 100_000 });
    const runId = await confirmRestore(stack.db, stack.owner, restoreRun);
    await eventually(async () => (await itemsDone(restoreRun.id)) >= 1, { timeout: 60_000, what: "an item written" });
    await stack.db.restoreRun.delete({ where: { id: restoreRun.id } });
    stack.sim.clearFaults();
    const run = await waitForCompletion(stack.db, runId, 90_000);
    const row = matrix.record({
      fault: "restore run row deleted",
      run: "restore",
      outcome: run.outcome,
      gaps: gapCodesOf(run),
      objectsEqual: null,
    });
    expect(row.outcome).toBe("failed");
    expect(row.gaps).toContain("RESTORE_RUN_MISSING");
  });

  it("SIGKILL of the worker between the last write and its read-back: resumed, verified, no write repeated", async () => {
    const restoreRun = await previewed();
    // The final verification reads through $batch: slow only those, so the kill lands there.
    stack.sim.injectFault({ kind: "latency", tenantId: northwind.tenantId, pathContains: "$batch", ms: 2_000, count: 100_000 });
    stack.sim.clearHistory();
    const runId = await confirmRestore(stack.db, stack.owner, restoreRun);
    await eventually(
      async () => {
        const current = await stack.db.restoreRun.findUniqueOrThrow({ where: { id: restoreRun.id } });
        if (current.status === "running" || current.status === "queued") return false;
        const verified = await stack.db.evidenceSnapshot.count({ where: { operationRunId: runId } });
        if (verified > 0) throw new Error("the verification finished before the kill");
        return true;
      },
      { timeout: 90_000, interval: 50, what: "every item written and the verification not yet stored" },
    );
    worker.kill("SIGKILL");
    const writesBeforeKill = writes().length;
    stack.sim.clearFaults();
    worker = stack.spawnWorker();
    const run = await waitForCompletion(stack.db, runId, 120_000);
    const row = matrix.record(await restoreRow(stack.db, stack.sim.url, "SIGKILL between write and read-back", run, restoreRun.id));
    const reasons = (await stack.db.operationRunEvent.findMany({ where: { runId } })).map((event) => event.reasonCode);
    expect(reasons).toContain("resumed");
    expect(writes().length).toBe(writesBeforeKill);
    expect(row).toMatchObject({ outcome: "succeeded", gaps: [], objectsEqual: true });
  });
});
