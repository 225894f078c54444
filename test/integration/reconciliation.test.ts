import { claimRun, reconcileRun, startOperationRun, storedReconciliation, sweepStaleRuns } from "@atlas/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDatabase, createTestDatabase, seed } from "../kit/index.ts";

let t: TestDatabase;
let fixture: Awaited<ReturnType<ReturnType<typeof seed>["done"]>>;

beforeAll(async () => {
  t = await createTestDatabase();
  fixture = await seed(t.db).workspace("acme").environment("Contoso").environment("Fabrikam").member("op@acme.test", "operator").done();
});
afterAll(() => t.drop());

const actor = () => fixture.actors["op@acme.test"]!;
async function newRun(environment: string) {
  const { run } = await startOperationRun(t.db, actor(), {
    workspaceId: fixture.workspaceId,
    environmentId: fixture.environments[environment]!.id,
    type: "inventory.sync",
    capability: "inventory.sync",
  });
  return run;
}
const deleteJob = (runId: string) => t.db.$executeRawUnsafe(`select graphile_worker.remove_job('run:${runId}')`);

describe("reconciliation", () => {
  it("reports a type without an adapter as UNSUPPORTED and never guesses an outcome", async () => {
    const run = await t.db.operationRun.create({
      data: {
        workspaceId: fixture.workspaceId,
        managedEnvironmentId: fixture.environments.Contoso!.id,
        // A type of the product's table that no task or adapter implements yet.
        type: "baseline.deploy",
        status: "running",
      },
    });
    const { result, run: after } = await reconcileRun(t.db, run.id);
    expect(result.decision).toBe("unsupported");
    expect(after.status).toBe("running");
  });

  it("stores the same verdict only once (idempotent) and keeps a bounded history", async () => {
    const run = await newRun("Contoso");
    await claimRun(t.db, run.id, "w1");
    await reconcileRun(t.db, run.id);
    const once = await t.db.operationRun.findUniqueOrThrow({ where: { id: run.id } });
    await reconcileRun(t.db, run.id);
    const twice = await t.db.operationRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(storedReconciliation(twice.context)).toEqual(storedReconciliation(once.context));
    expect(storedReconciliation(twice.context)?.latest.decision).toBe("not_reconciled");
    expect(twice.hasProofGaps).toBe(true);
    await t.db.operationRun.update({ where: { id: run.id }, data: { status: "completed", outcome: "cancelled" } });
  });

  it("fails a finished run closed when proof is still missing at the deadline", async () => {
    const run = await newRun("Fabrikam");
    await claimRun(t.db, run.id, "w1");
    // Execution claims to have read one object that the inventory does not hold.
    await t.db.operationRun.update({
      where: { id: run.id },
      data: {
        context: {
          types: ["deviceConfigurations"],
          completedTypes: ["deviceConfigurations"],
          providerTotals: { deviceConfigurations: 1 },
          executionFinishedAt: new Date().toISOString(),
        },
      },
    });
    const { run: after, result } = await reconcileRun(t.db, run.id);
    expect(result.decision).toBe("reconciled");
    expect(after.outcome).toBe("failed");
    expect(result.proofGaps.map((gap) => gap.code)).toEqual(["INVENTORY_COUNT_MISMATCH"]);
  });
});

describe("stale-run sweep", () => {
  it("re-enqueues a queued run whose job is gone, then fails it with job_lost", async () => {
    const run = await newRun("Contoso");
    await deleteJob(run.id);
    const later = new Date(Date.now() + 120_000);
    const first = await sweepStaleRuns(t.db, { now: later });
    expect(first.requeued).toContain(run.id);
    const jobs = await t.db.$queryRawUnsafe<{ n: bigint }[]>(`select count(*) as n from graphile_worker.jobs where key = 'run:${run.id}'`);
    expect(Number(jobs[0]!.n)).toBe(1);
    // A second sweep with the job present changes nothing.
    expect((await sweepStaleRuns(t.db, { now: later })).requeued).not.toContain(run.id);
    await deleteJob(run.id);
    const second = await sweepStaleRuns(t.db, { now: later });
    expect(second.jobLost).toContain(run.id);
    const failed = await t.db.operationRun.findUniqueOrThrow({ where: { id: run.id } });
    expect([failed.status, failed.outcome, failed.failureReasonCode]).toEqual(["completed", "failed", "job_lost"]);
  });

  it("is safe when several sweepers run at once", async () => {
    const run = await newRun("Fabrikam");
    await deleteJob(run.id);
    const later = new Date(Date.now() + 120_000);
    const reports = await Promise.all([1, 2, 3].map(() => sweepStaleRuns(t.db, { now: later })));
    expect(reports.filter((report) => report.requeued.includes(run.id))).toHaveLength(1);
    await t.db.operationRun.update({ where: { id: run.id }, data: { status: "completed", outcome: "cancelled" } });
  });
});
