import { type Actor, ensureBackupSet, readRunContext, startBackup, sweepStaleRuns } from "@atlas/core";
import { type GraphSim, startGraphSim } from "@atlas/graph-sim";
import { jobKeyForRun } from "@atlas/jobs";
import { type RunningWorker, startWorker } from "@atlas/worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_SECRET_BOX, type TestDatabase, createTestDatabase, seedDemoAgainst, tenantId, waitForCompletion } from "../kit/index.ts";

let t: TestDatabase;
let sim: GraphSim;
let worker: RunningWorker | undefined;
let operator: Actor;
let environments: Record<string, string>;

beforeAll(async () => {
  t = await createTestDatabase();
  sim = await startGraphSim({ port: 0, timeScale: 0.05 });
  const fixture = await seedDemoAgainst(t.db, sim);
  operator = fixture.operator;
  environments = fixture.demo.demo!.environments;
});
afterAll(async () => {
  await worker?.stop();
  await sim?.close();
  await t?.drop();
});

/** A queued backup whose job gets a single attempt: its first failure is its last. */
async function queuedBackupWithOneAttempt(environment: string) {
  const { run } = await startBackup(t.db, operator, { environmentId: environments[environment]! });
  await t.db.$executeRaw`update graphile_worker._private_jobs set max_attempts = 1 where key = ${jobKeyForRun(run.id)}`;
  return run;
}

async function setOf(runId: string) {
  return t.db.backupSet.findFirstOrThrow({ where: { operationRunId: runId } });
}

describe("a backup run's set reaches a final status with the run", () => {
  it("the stale sweep settles a set left capturing under a final run, and counts it", async () => {
    const { run } = await startBackup(t.db, operator, { environmentId: environments.Fabrikam! });
    const set = await ensureBackupSet(t.db, run, readRunContext("backup.capture", run.context));
    // What an older version left behind: the run failed, the set kept saying CAPTURING.
    await t.db.$executeRaw`select graphile_worker.remove_job(${jobKeyForRun(run.id)})`;
    await t.db
      .$executeRaw`update operation_runs set status = 'completed', outcome = 'failed', completed_at = now() where id = ${run.id}::uuid`;
    const report = await sweepStaleRuns(t.db);
    expect(report.backupSetsRepaired).toEqual([set.id]);
    expect(await t.db.backupSet.findUniqueOrThrow({ where: { id: set.id } })).toMatchObject({ status: "failed", hasGaps: true });
    expect((await sweepStaleRuns(t.db)).backupSetsRepaired).toEqual([]);
  });

  it("a 503 storm and a malformed body end the run FAILED and its set partial or failed in the same transaction", async () => {
    // Contoso: foundations and most types are captured, then every remediation listing answers 503.
    sim.injectFault({ kind: "serverError", status: 503, tenantId: tenantId("Contoso"), pathContains: "deviceHealthScripts" });
    // Northwind: every Graph answer is cut in half, so nothing is ever captured.
    sim.injectFault({ kind: "malformedBody", tenantId: tenantId("Northwind"), pathContains: "deviceManagement" });
    const storm = await queuedBackupWithOneAttempt("Contoso");
    const malformed = await queuedBackupWithOneAttempt("Northwind");
    worker = await startWorker({
      connectionString: t.url,
      box: TEST_SECRET_BOX,
      heartbeatMs: 500,
      graph: { timeScale: 0.05 },
      log: () => {},
    });
    // The client's own retries of the storm (about half a minute of backoff) come first, hence the long timeout.
    const [stormRun, malformedRun] = await Promise.all([
      waitForCompletion(t.db, storm.id, 120_000),
      waitForCompletion(t.db, malformed.id, 120_000),
    ]);
    sim.clearFaults();

    expect(stormRun.outcome).toBe("failed");
    const partial = await setOf(storm.id);
    expect(partial.status).toBe("partial");
    expect(partial.hasGaps).toBe(true);
    expect(partial.itemCount).toBeGreaterThan(0);
    expect(partial.itemCount).toBe(await t.db.backupItem.count({ where: { backupSetId: partial.id } }));
    // Written by the run's final transition itself: the same moment, not a later repair.
    expect(partial.completedAt?.getTime()).toBe(stormRun.completedAt?.getTime());

    expect(malformedRun.outcome).toBe("failed");
    const failed = await setOf(malformed.id);
    expect(failed).toMatchObject({ status: "failed", itemCount: 0, hasGaps: true });
    expect(failed.completedAt?.getTime()).toBe(malformedRun.completedAt?.getTime());
    expect((await sweepStaleRuns(t.db)).backupSetsRepaired).toEqual([]);
  }, 240_000);
});
