import { claimRun, completeRun, reconcileRun, reportProgress, startOperationRun } from "@atlas/core";
import { type Db, createDb } from "@atlas/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDatabase, createTestDatabase, seed } from "../kit/index.ts";

// A fleet's runs are most of the SQL the product sends: each step of a run's life is one round
// trip, and the run each step answers is exactly the row it stored (the fused statements map the
// columns themselves, so a column they miss or mistype would show here).
let t: TestDatabase;
let counting: Db;
let sent: string[] | undefined;
let fixture: Awaited<ReturnType<ReturnType<typeof seed>["done"]>>;

beforeAll(async () => {
  t = await createTestDatabase();
  counting = createDb(t.url, { onStatement: (sql) => sent?.push(sql) });
  fixture = await seed(t.db).workspace("acme").environment("Contoso").member("op@acme.test", "operator").done();
});
afterAll(async () => {
  await counting.$disconnect();
  await t.drop();
});

async function statementsOf<T>(step: () => Promise<T>): Promise<{ value: T; statements: number }> {
  sent = [];
  const value = await step();
  const statements = sent.length;
  sent = undefined;
  return { value, statements };
}

const stored = (id: string) => t.db.operationRun.findUniqueOrThrow({ where: { id } });

const startSnapshot = (targetKey: string) =>
  startOperationRun(counting, fixture.actors["op@acme.test"]!, {
    workspaceId: fixture.workspaceId,
    environmentId: fixture.environments.Contoso!.id,
    type: "policy.capture_snapshot",
    targetKey,
    capability: "backup.run",
    context: { objectType: "deviceConfigurations", providerId: targetKey },
  });

describe("a run's lifecycle", () => {
  it("starts, is claimed, reports progress, completes and is reconciled in one statement each, answering the stored row", async () => {
    const started = await statementsOf(() => startSnapshot("policy-1"));
    expect(started.statements).toBe(1);
    const runId = started.value.run.id;
    expect(started.value.run).toEqual(await stored(runId));
    expect(await t.db.auditEvent.count({ where: { targetId: runId, action: "operation_run.started" } })).toBe(1);
    const jobs = await t.db.$queryRaw<{ count: bigint }[]>`select count(*) from graphile_worker.jobs where key = ${`run:${runId}`}`;
    expect(Number(jobs[0]!.count)).toBe(1);

    const claimed = await statementsOf(() => claimRun(counting, runId, "worker-a"));
    expect(claimed.statements).toBe(1);
    expect(claimed.value).toEqual(await stored(runId));
    expect(claimed.value?.status).toBe("running");

    const progress = await statementsOf(() => reportProgress(counting, claimed.value!, { progress: 0.5, summaryCounts: { total: 1 } }));
    expect(progress.statements).toBe(1);
    expect(progress.value).toEqual(await stored(runId));

    const completed = await statementsOf(() => completeRun(counting, runId, "succeeded", { reasonCode: "done", heldBy: "worker-a" }));
    expect(completed.statements).toBe(1);
    expect(completed.value).toEqual(await stored(runId));
    expect(await t.db.notification.count({ where: { operationRunId: runId } })).toBe(1);
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { targetId: runId, action: "operation_run.succeeded" } });
    expect(audit).toMatchObject({
      actorType: "system",
      outcome: "success",
      metadata: { type: "policy.capture_snapshot", reasonCode: null },
    });

    const reconciled = await statementsOf(() => reconcileRun(counting, runId, { run: completed.value }));
    expect(reconciled.statements).toBe(1);
    expect(reconciled.value.run).toEqual(await stored(runId));
  });

  it("a reconciliation that proves the outcome completes the run and stores its verdict in the same statement", async () => {
    const { run } = await startSnapshot("policy-2");
    const claimed = await claimRun(counting, run.id, "worker-b");
    // Execution finished without a policy version: the adapter proves the run FAILED.
    const finished = await reportProgress(counting, claimed!, { progress: 1, context: { executionFinishedAt: new Date().toISOString() } });
    const reconciled = await statementsOf(() => reconcileRun(counting, run.id, { run: finished }));
    expect(reconciled.statements).toBe(1);
    const after = await stored(run.id);
    expect(reconciled.value.run).toEqual(after);
    expect(after).toMatchObject({ status: "completed", outcome: "failed", hasProofGaps: true, failureReasonCode: "version_missing" });
    expect((after.context as { reconciliation: { latest: { proofGaps: { code: string }[] } } }).reconciliation.latest.proofGaps).toEqual([
      expect.objectContaining({ code: "VERSION_MISSING" }),
    ]);
    const notice = await t.db.notification.findFirstOrThrow({ where: { operationRunId: run.id } });
    expect(notice).toMatchObject({
      title: "policy.capture_snapshot failed · Contoso",
      body: "The policy.capture_snapshot run in Contoso finished with outcome failed.",
      params: { type: "policy.capture_snapshot", outcome: "failed", environment: "Contoso" },
      link: `/runs/${run.id}`,
    });
  });
});
