import { ForbiddenError, NotFoundError, claimRun, completeRun, startOperationRun, transitionRun } from "@atlas/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDatabase, createTestDatabase, seed } from "../kit/index.ts";

let t: TestDatabase;
let fixture: Awaited<ReturnType<ReturnType<typeof seed>["done"]>>;

beforeAll(async () => {
  t = await createTestDatabase();
  fixture = await seed(t.db)
    .workspace("acme")
    .environment("Contoso")
    .member("op@acme.test", "operator")
    .member("ro@acme.test", "readonly")
    .done();
});
afterAll(() => t.drop());

const start = (email: string) =>
  startOperationRun(t.db, fixture.actors[email]!, {
    workspaceId: fixture.workspaceId,
    environmentId: fixture.environments.Contoso!.id,
    type: "inventory.sync",
    capability: "inventory.sync",
  });

describe("operation runs", () => {
  it("creates one run and enqueues exactly one job for many concurrent starts", async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => start("op@acme.test")));
    const ids = new Set(results.map((result) => result.run.id));
    expect(ids.size).toBe(1);
    expect(results.filter((result) => result.deduplicated)).toHaveLength(19);
    const jobs = await t.db.$queryRaw<
      { count: bigint }[]
    >`select count(*) from graphile_worker.jobs where task_identifier = 'inventory.sync'`;
    expect(Number(jobs[0]?.count)).toBe(1);
    const audits = await t.db.auditEvent.count({ where: { action: "operation_run.started" } });
    expect(audits).toBe(1);
  });

  it("refuses a readonly member with Forbidden and hides foreign environments as NotFound", async () => {
    await expect(start("ro@acme.test")).rejects.toBeInstanceOf(ForbiddenError);
    const other = await seed(t.db).workspace("other").member("x@other.test", "owner").done();
    await expect(
      startOperationRun(t.db, other.actors["x@other.test"]!, {
        workspaceId: fixture.workspaceId,
        environmentId: fixture.environments.Contoso!.id,
        type: "inventory.sync",
        capability: "inventory.sync",
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("walks queued -> running -> completed, rejects illegal moves and notifies the initiator", async () => {
    const { run } = await start("op@acme.test");
    const running = await claimRun(t.db, run.id, "worker-a");
    expect(running?.status).toBe("running");
    const illegal = await transitionRun(t.db, {
      runId: run.id,
      from: "running",
      status: "running",
      outcome: "succeeded",
      actor: { kind: "system", name: "test" },
      reasonCode: "bad",
    });
    expect(illegal.applied).toBe(false);
    const done = await completeRun(t.db, run.id, "succeeded", { reasonCode: "proven" });
    expect(done?.status).toBe("completed");
    expect(await completeRun(t.db, run.id, "failed", { reasonCode: "late" })).toBeUndefined();
    const events = await t.db.operationRunEvent.findMany({ where: { runId: run.id }, orderBy: { id: "asc" } });
    expect(events.map((event) => `${event.kind}:${event.toStatus}`)).toEqual([
      "transition:queued",
      "transition:running",
      "rejected_transition:running",
      "transition:completed",
      "rejected_transition:completed",
    ]);
    const notes = await t.db.notification.findMany({ where: { operationRunId: run.id } });
    expect(notes).toHaveLength(1);
    // After completion a new start creates a new run instead of deduplicating.
    const next = await start("op@acme.test");
    expect(next.deduplicated).toBe(false);
    expect(next.run.id).not.toBe(run.id);
  });

  it("ends a run once when ten workers complete it at the same moment: one outcome, one notice, nine refusals", async () => {
    const { run } = await start("op@acme.test");
    await claimRun(t.db, run.id, "worker-c");
    const outcomes = ["succeeded", "failed"] as const;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, index) => completeRun(t.db, run.id, outcomes[index % 2]!, { reasonCode: `racer-${index}` })),
    );
    const winners = results.filter((result) => result !== undefined);
    expect(winners).toHaveLength(1);
    const stored = await t.db.operationRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(stored.outcome).toBe(winners[0]!.outcome);
    const events = await t.db.operationRunEvent.findMany({ where: { runId: run.id, toStatus: "completed" } });
    expect(events.filter((event) => event.kind === "transition")).toHaveLength(1);
    expect(events.filter((event) => event.kind === "rejected_transition")).toHaveLength(9);
    expect(await t.db.notification.count({ where: { operationRunId: run.id } })).toBe(1);
    expect(
      await t.db.auditEvent.count({
        where: { targetId: run.id, action: { startsWith: "operation_run." }, NOT: { action: "operation_run.started" } },
      }),
    ).toBe(1);
  });
});

describe("heartbeats", () => {
  it("a slow worker's heartbeat never takes back a run another worker resumed", async () => {
    const { heartbeatRun } = await import("@atlas/core");
    const { run } = await start("op@acme.test");
    await claimRun(t.db, run.id, "worker-slow");
    expect(await heartbeatRun(t.db, run.id, "worker-slow")).toBe(true);
    // The sweep took the slow worker for lost; another worker resumed the run.
    const resumed = await claimRun(t.db, run.id, "worker-next");
    expect(resumed?.workerId).toBe("worker-next");
    expect(await heartbeatRun(t.db, run.id, "worker-slow")).toBe(false);
    expect((await t.db.operationRun.findUniqueOrThrow({ where: { id: run.id } })).workerId).toBe("worker-next");
    expect(await heartbeatRun(t.db, run.id, "worker-next")).toBe(true);
    await completeRun(t.db, run.id, "succeeded", { reasonCode: "done" });
    expect(await heartbeatRun(t.db, run.id, "worker-next")).toBe(false);
  });
});

describe("a slow worker whose run another worker resumed", () => {
  it("can write neither progress nor an outcome into it, and is told to stop", async () => {
    const { reportProgress, isRunNoLongerHeld } = await import("@atlas/core");
    const { run } = await start("op@acme.test");
    const slow = await claimRun(t.db, run.id, "worker-slow");
    await reportProgress(t.db, slow!, { progress: 0.2, context: { cursor: "page-1" } });
    // The sweep took the slow worker for lost; another worker resumed the run and moved on.
    const next = await claimRun(t.db, run.id, "worker-next");
    await reportProgress(t.db, next!, { progress: 0.6, context: { cursor: "page-3" } });

    const late = await reportProgress(t.db, slow!, { progress: 0.3, context: { cursor: "page-2" } }).catch((error) => error);
    expect(isRunNoLongerHeld(late)).toBe(true);
    const failed = await completeRun(t.db, run.id, "failed", { reasonCode: "execution_failed", failure: true, heldBy: "worker-slow" });
    expect(failed).toBeUndefined();

    const after = await t.db.operationRun.findUniqueOrThrow({ where: { id: run.id } });
    expect([after.status, after.workerId, after.progress, (after.context as { cursor: string }).cursor]).toEqual([
      "running",
      "worker-next",
      0.6,
      "page-3",
    ]);
    // The refused outcome is in the run's history, so the slow worker's attempt stays visible.
    const rejected = await t.db.operationRunEvent.findMany({ where: { runId: run.id, kind: "rejected_transition" } });
    expect(rejected.map((event) => event.message)).toEqual(["run is held by worker worker-next, not by worker-slow"]);
    expect(await completeRun(t.db, run.id, "succeeded", { reasonCode: "done", heldBy: "worker-next" })).toBeDefined();
    // Ended: even its own worker cannot report progress any more.
    expect(isRunNoLongerHeld(await reportProgress(t.db, next!, { progress: 1 }).catch((error) => error))).toBe(true);
  });
});

describe("progress reports", () => {
  it("never overwrite a cancel request that arrived meanwhile", async () => {
    const { reportProgress, isCancelRequested } = await import("@atlas/core");
    const { run } = await start("op@acme.test");
    const claimed = await claimRun(t.db, run.id, "worker-b");
    await t.db
      .$executeRaw`update operation_runs set context = context || '{"cancelRequestedAt":"2026-11-28T00:00:00Z"}'::jsonb where id = ${run.id}::uuid`;
    await reportProgress(t.db, claimed!, { progress: 0.5, summaryCounts: { total: 3 }, context: { cursor: "page-2" } });
    expect(await isCancelRequested(t.db, run.id)).toBe(true);
    const after = await t.db.operationRun.findUniqueOrThrow({ where: { id: run.id } });
    expect([after.progress, after.summaryCounts, (after.context as { cursor: string }).cursor]).toEqual([0.5, { total: 3 }, "page-2"]);
    await completeRun(t.db, run.id, "cancelled", { reasonCode: "cancelled" });
  });
});
