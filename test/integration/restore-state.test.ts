import {
  SYSTEM_ACTOR,
  actorFromApiToken,
  cancelOperationRun,
  claimRun,
  completeRun,
  confirmRestoreRun,
  createApiToken,
  loadUserActor,
  sweepStaleRuns,
  transitionRestoreRun,
} from "@atlas/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, type TestApi, loginAs, startTestApi } from "../kit/api/harness.ts";
import { RESTORE_DOCUMENTS as D, restoreWizardFixture } from "../kit/api/restore-wizard.ts";
import { rawIdOf, toGlobalId } from "../../apps/api/src/ids.ts";
import { TEST_SECRET_BOX, type TestDatabase, createTestDatabase } from "../kit/index.ts";

/**
 * A restore run's status follows its execution run through the one restore status writer: no path
 * (cancel while queued, a worker failure, the stale sweep) leaves it queued or running after its
 * run completed. No worker runs here: the tests drive the run's lifecycle through core as the worker
 * and the sweep do.
 */
let database: TestDatabase;
let api: TestApi;
let w: Awaited<ReturnType<typeof restoreWizardFixture>>;
let owner: ApiClient;
let readonly: ApiClient;

beforeAll(async () => {
  database = await createTestDatabase();
  api = await startTestApi(database, TEST_SECRET_BOX);
  w = await restoreWizardFixture(database.db, api);
  ({ owner, readonly } = w.clients);
});

afterAll(async () => {
  await api?.close();
  await database?.drop();
});

/** A live restore confirmed over the API: its restore.execute run is queued (no worker picks it up). */
async function confirmed() {
  const run = await w.previewed(owner, false);
  const { body } = await owner.graphql(D.confirm, { r: run.id, ack: true, name: "Northwind" });
  const restoreRun = body.data.confirmRestoreRun.restoreRun;
  return {
    restoreRunId: w.raw(restoreRun.id),
    globalId: restoreRun.id as string,
    runId: rawIdOf(restoreRun.operationRun.id, "OperationRun")!,
  };
}

const restoreOf = (id: string) => database.db.restoreRun.findUniqueOrThrow({ where: { id } });
async function ownerActor() {
  const user = await database.db.user.findUniqueOrThrow({ where: { email: "owner@demo.test" } });
  return (await loadUserActor(database.db, user.id))!;
}

describe("a restore run follows its execution run", () => {
  it("is cancelled with its run when the run is cancelled while queued", async () => {
    const { restoreRunId, runId } = await confirmed();
    await cancelOperationRun(database.db, await ownerActor(), runId);
    const restore = await restoreOf(restoreRunId);
    expect([restore.status, restore.completedAt !== null]).toEqual(["cancelled", true]);
    const events = await database.db.restoreRunEvent.findMany({ where: { restoreRunId }, orderBy: { id: "asc" } });
    expect(events.map((event) => `${event.kind}:${event.fromStatus}->${event.toStatus}`).slice(-2)).toEqual([
      "transition:previewed->queued",
      "transition:queued->cancelled",
    ]);
  });

  it("fails with its run when the worker fails it; items already written make it partial", async () => {
    for (const [written, expected] of [
      [false, "failed"],
      [true, "partial"],
    ] as const) {
      const { restoreRunId, runId } = await confirmed();
      await claimRun(database.db, runId, "worker-1");
      await transitionRestoreRun(database.db, {
        restoreRunId,
        from: ["queued"],
        to: "running",
        actor: SYSTEM_ACTOR,
        reasonCode: "execution_started",
      });
      if (written) {
        const first = await database.db.restoreItem.findFirstOrThrow({ where: { restoreRunId }, orderBy: { ordinal: "asc" } });
        await database.db.restoreItem.update({ where: { id: first.id }, data: { outcome: "applied" } });
      }
      await completeRun(database.db, runId, "failed", {
        reasonCode: "provider_unavailable",
        message: "Graph kept answering 503.",
        failure: true,
      });
      const restore = await restoreOf(restoreRunId);
      expect([restore.status, restore.failureReasonCode, restore.startedAt !== null, restore.completedAt !== null]).toEqual([
        expected,
        "provider_unavailable",
        true,
        true,
      ]);
    }
  });

  it("fails with its run when the stale sweep gives up on a lost job", async () => {
    const { restoreRunId, runId } = await confirmed();
    await database.db.$executeRaw`select graphile_worker.remove_job(${`run:${runId}`})`;
    await database.db.operationRun.update({ where: { id: runId }, data: { enqueueAttempts: 2 } });
    const report = await sweepStaleRuns(database.db, { now: new Date(Date.now() + 10 * 60_000) });
    expect(report.jobLost).toContain(runId);
    const restore = await restoreOf(restoreRunId);
    expect([restore.status, restore.failureReasonCode]).toEqual(["failed", "job_lost"]);
  });

  it("the stale sweep repairs a restore run left running after its run completed, and counts it", async () => {
    const { restoreRunId, runId } = await confirmed();
    // The state an older version left behind: the run completed, its restore run still running.
    await database.db.$executeRaw`update restore_runs set status = 'running' where id = ${restoreRunId}::uuid`;
    await database.db
      .$executeRaw`update operation_runs set status = 'completed', outcome = 'failed', failure_reason_code = 'worker_lost' where id = ${runId}::uuid`;
    const first = await sweepStaleRuns(database.db);
    expect(first.restoreRunsRepaired).toEqual([restoreRunId]);
    expect((await restoreOf(restoreRunId)).status).toBe("failed");
    expect((await sweepStaleRuns(database.db)).restoreRunsRepaired).toEqual([]);
    const stuck = await database.db.restoreRun.count({
      where: { status: { in: ["queued", "running"] }, operationRun: { status: "completed" } },
    });
    expect(stuck).toBe(0);
  });

  it("refuses a move the table does not allow and keeps the refusal in the run's history", async () => {
    const { restoreRunId, runId } = await confirmed();
    await cancelOperationRun(database.db, await ownerActor(), runId);
    const result = await transitionRestoreRun(database.db, {
      restoreRunId,
      to: "running",
      actor: SYSTEM_ACTOR,
      reasonCode: "execution_started",
    });
    expect(result.applied).toBe(false);
    expect((await restoreOf(restoreRunId)).status).toBe("cancelled");
    const refused = await database.db.restoreRunEvent.findFirstOrThrow({ where: { restoreRunId, kind: "rejected_transition" } });
    expect([refused.fromStatus, refused.toStatus, refused.message]).toEqual([
      "cancelled",
      "running",
      "restore run transition cancelled -> running is not allowed",
    ]);
  });
});

describe("links between a run and its restore", () => {
  const RUN = `query($id: ID!) { node(id: $id) { ... on OperationRun { id type restoreRun { id status startedAt completedAt failureReason { reasonCode message } } backupSet { id } } } }`;

  it("an execution run names its restore run, which says when and why it ended; readonly members read both", async () => {
    const { globalId, runId } = await confirmed();
    await cancelOperationRun(database.db, await ownerActor(), runId);
    for (const client of [owner, readonly]) {
      const { body } = await client.graphql(RUN, { id: toGlobalId("OperationRun", runId) });
      expect(body.errors).toBeUndefined();
      expect(body.data.node).toMatchObject({
        type: "restore.execute",
        restoreRun: { id: globalId, status: "CANCELLED", startedAt: null, failureReason: null },
        backupSet: null,
      });
      expect(body.data.node.restoreRun.completedAt).toEqual(expect.any(String));
    }
  });

  it("the notification of a finished restore run links to its restore run", async () => {
    const { globalId, runId } = await confirmed();
    await cancelOperationRun(database.db, await ownerActor(), runId);
    const { body } = await owner.graphql(`{ notifications(first: 50) { edges { node { link operationRun { id } } } } }`);
    const mine = body.data.notifications.edges.find(
      (edge: { node: { operationRun: { id: string } | null } }) => edge.node.operationRun?.id === toGlobalId("OperationRun", runId),
    );
    expect(mine.node.link).toBe(`/restores/${encodeURIComponent(globalId)}`);
  });

  it("a backup run names its backup set", async () => {
    const set = await database.db.backupSet.findFirstOrThrow({ where: { id: rawIdOf(w.setId, "BackupSet")! } });
    const run = await database.db.operationRun.create({
      data: {
        workspaceId: set.workspaceId,
        managedEnvironmentId: set.managedEnvironmentId,
        type: "backup.capture",
        status: "completed",
        outcome: "succeeded",
      },
    });
    await database.db.backupSet.update({ where: { id: set.id }, data: { operationRunId: run.id } });
    const { body } = await readonly.graphql(RUN, { id: toGlobalId("OperationRun", run.id) });
    expect(body.data.node).toMatchObject({ type: "backup.capture", backupSet: { id: w.setId }, restoreRun: null });
  });
});

describe("the restore run's status history over the API", () => {
  const HISTORY = `query($id: ID!, $first: Int, $after: String) { node(id: $id) { ... on RestoreRun {
    events(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor }
      edges { node { id kind fromStatus toStatus reasonCode message actor createdAt } } } } } }`;
  const EVENT = `query($id: ID!) { node(id: $id) { __typename ... on RestoreRunEvent { kind toStatus } } }`;
  type HistoryEvent = {
    id: string;
    kind: string;
    fromStatus: string;
    toStatus: string;
    reasonCode: string;
    message: string | null;
    actor: string;
  };

  it("lists every move oldest first, the refused one included, to readonly auditors too; outsiders see nothing", async () => {
    const { globalId, restoreRunId, runId } = await confirmed();
    await cancelOperationRun(database.db, await ownerActor(), runId);
    await transitionRestoreRun(database.db, { restoreRunId, to: "running", actor: SYSTEM_ACTOR, reasonCode: "execution_started" });

    const owned = await owner.graphql(HISTORY, { id: globalId, first: 50 });
    expect(owned.body.errors).toBeUndefined();
    const events: HistoryEvent[] = owned.body.data.node.events.edges.map((edge: { node: HistoryEvent }) => edge.node);
    expect(events.map((event) => `${event.kind}:${event.fromStatus}->${event.toStatus}:${event.reasonCode}`)).toEqual([
      "transition:DRAFT->SCOPED:scope_set",
      "transition:PREVIEWED->QUEUED:confirmed",
      "transition:QUEUED->CANCELLED:operation_run_cancelled",
      "rejected_transition:CANCELLED->RUNNING:execution_started",
    ]);
    expect(events[3]!.message).toBe("restore run transition cancelled -> running is not allowed");
    expect(events[1]!.actor).toMatch(/^user:/);
    expect(owned.body.data.node.events.totalCount).toBe(4);

    // The readonly member (an auditor) reads the same history, page by page.
    const firstPage = await readonly.graphql(HISTORY, { id: globalId, first: 3 });
    const page = firstPage.body.data.node.events;
    expect([page.edges.length, page.pageInfo.hasNextPage, page.totalCount]).toEqual([3, true, 4]);
    const rest = await readonly.graphql(HISTORY, { id: globalId, first: 3, after: page.pageInfo.endCursor });
    expect(rest.body.data.node.events.edges.map((edge: { node: HistoryEvent }) => edge.node.id)).toEqual([events[3]!.id]);
    const refused = await readonly.graphql(EVENT, { id: events[3]!.id });
    expect(refused.body.data.node).toEqual({ __typename: "RestoreRunEvent", kind: "rejected_transition", toStatus: "RUNNING" });

    // Another MSP sees neither the run nor one of its events.
    const outsider = await loginAs(api.url, "owner@other.test");
    expect((await outsider.graphql(HISTORY, { id: globalId, first: 50 })).body.data.node).toBeNull();
    expect((await outsider.graphql(EVENT, { id: events[3]!.id })).body.data.node).toBeNull();
  });
});

describe("who confirmed", () => {
  it("a restore confirmed with an API token records that token", async () => {
    const run = await w.previewed(owner, false);
    const token = await createApiToken(database.db, { workspaceId: w.demo.workspaceId, name: "Partner RMM", role: "manager" });
    const actor = (await actorFromApiToken(database.db, token.token))!;
    await confirmRestoreRun(database.db, actor, { restoreRunId: w.raw(run.id), acknowledgeImpact: true, typedTargetName: "Northwind" });
    const restore = await restoreOf(w.raw(run.id));
    expect([restore.status, restore.confirmedByTokenId, restore.confirmedByUserId]).toEqual(["queued", token.id, null]);
  });
});
