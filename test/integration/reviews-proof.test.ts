import { randomUUID } from "node:crypto";
import { COMPOSE_FAILURE_MESSAGE, environmentReviewComposeAdapter, sweepStaleRuns } from "@atlas/core";
import type { EnvironmentReviewStatus } from "@atlas/db";
import { type GraphSim, startGraphSim } from "@atlas/graph-sim";
import { type RunningWorker, startWorker } from "@atlas/worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DATABASE_WORDING,
  TEST_SECRET_BOX,
  type TestDatabase,
  composeReviewOf,
  createTestDatabase,
  seedDemoAgainst,
  waitForCompletion,
} from "../kit/index.ts";
import { backupOf } from "../kit/restore-fixture.ts";

let t: TestDatabase;
let sim: GraphSim;
let worker: RunningWorker;
let fixture: Awaited<ReturnType<typeof seedDemoAgainst>>;
let demo: { workspaceId: string; environments: Record<string, string> };
let other: { workspaceId: string; environments: Record<string, string> };

beforeAll(async () => {
  t = await createTestDatabase();
  sim = await startGraphSim({ port: 0, timeScale: 0.05 });
  fixture = await seedDemoAgainst(t.db, sim);
  demo = fixture.demo.demo!;
  other = fixture.demo.other!;
  worker = await startWorker({
    connectionString: t.url,
    box: TEST_SECRET_BOX,
    heartbeatMs: 500,
    graph: { timeScale: 0.05 },
    log: () => {},
  });
});
afterAll(async () => {
  await worker?.stop();
  await sim?.close();
  await t?.drop();
});

/** A finished compose run of Contoso that recorded `fingerprint` and names `reviewId`. */
async function composeRun(fingerprint: string, reviewId: string) {
  return t.db.operationRun.create({
    data: {
      workspaceId: demo.workspaceId,
      managedEnvironmentId: demo.environments.Contoso!,
      type: "environment.review.compose",
      targetKey: randomUUID(),
      status: "completed",
      outcome: "succeeded",
      context: { fingerprint, reviewId, executionFinishedAt: new Date().toISOString() },
    },
  });
}

function plantReview(scope: { workspaceId: string; environmentId: string }, fingerprint: string, status: EnvironmentReviewStatus) {
  return t.db.environmentReview.create({
    data: { workspaceId: scope.workspaceId, managedEnvironmentId: scope.environmentId, fingerprint, status, periodEnd: new Date() },
  });
}

const contoso = () => ({ workspaceId: demo.workspaceId, environmentId: demo.environments.Contoso! });

describe("the review-compose adapter fails closed", () => {
  it("never proves a run by a review of another workspace", async () => {
    const fingerprint = randomUUID();
    const foreign = await plantReview(
      { workspaceId: other.workspaceId, environmentId: other.environments.Tailspin! },
      fingerprint,
      "ready",
    );
    const verdict = await environmentReviewComposeAdapter.reconcile(t.db, await composeRun(fingerprint, foreign.id));
    expect(verdict).toMatchObject({ decision: "reconciled", outcome: "failed", reasonCode: "review_scope_mismatch" });
    expect(verdict.proofGaps.map((gap) => gap.code)).toEqual(["REVIEW_OTHER_SCOPE"]);
  });

  it("never proves a run by a review of another environment, even next to a matching one", async () => {
    const fingerprint = randomUUID();
    const own = await plantReview(contoso(), fingerprint, "ready");
    await plantReview({ workspaceId: demo.workspaceId, environmentId: demo.environments.Northwind! }, fingerprint, "ready");
    const verdict = await environmentReviewComposeAdapter.reconcile(t.db, await composeRun(fingerprint, own.id));
    expect(verdict.proofGaps.map((gap) => gap.code)).toEqual(["REVIEW_OTHER_SCOPE"]);
    expect(verdict.outcome).toBe("failed");
  });

  it("never proves a run by a review with another fingerprint", async () => {
    const own = await plantReview(contoso(), randomUUID(), "ready");
    const verdict = await environmentReviewComposeAdapter.reconcile(t.db, await composeRun(randomUUID(), own.id));
    expect(verdict).toMatchObject({ decision: "reconciled", outcome: "failed", reasonCode: "review_missing" });
  });

  it("names ambiguity when two reviews of the scope carry the fingerprint", async () => {
    const fingerprint = randomUUID();
    const ready = await plantReview(contoso(), fingerprint, "ready");
    await plantReview(contoso(), fingerprint, "published");
    const verdict = await environmentReviewComposeAdapter.reconcile(t.db, await composeRun(fingerprint, ready.id));
    expect(verdict.proofGaps.map((gap) => gap.code)).toEqual(["REVIEW_AMBIGUOUS"]);
    await t.db.environmentReview.deleteMany({ where: { fingerprint } });
  });

  it("does not prove an archived review, and records only ids, statuses, hashes and timestamps", async () => {
    const fingerprint = randomUUID();
    const archived = await plantReview(contoso(), fingerprint, "archived");
    const verdict = await environmentReviewComposeAdapter.reconcile(t.db, await composeRun(fingerprint, archived.id));
    expect(verdict.proofGaps.map((gap) => gap.code)).toEqual(["REVIEW_NOT_READY"]);
    expect(verdict.evidence.map((entry) => entry.kind).sort()).toEqual(
      ["considered_reviews", "environment", "execution_finished_at", "fingerprint", "review", "workspace"].sort(),
    );
  });
});

describe("compose failures and the stale sweep", () => {
  it("a composition that fails leaves the review failed with a readable reason; the next compose completes it", async () => {
    const setId = await backupOf(t.db, fixture.operator, demo.environments.Northwind!);
    const set = await t.db.backupSet.findUniqueOrThrow({ where: { id: setId } });
    // A damaged completeness record makes composing the backup section throw.
    await t.db.backupSet.update({ where: { id: setId }, data: { completeness: { deviceConfigurations: null } } });
    const failed = await composeReviewOf(t.db, fixture.operator, demo.environments.Northwind!);
    expect(failed.run.outcome).toBe("failed");
    expect(failed.run.failureMessage).toBe(COMPOSE_FAILURE_MESSAGE);
    expect(failed.review).toMatchObject({ status: "failed", failureReasonCode: "compose_failed", failureMessage: COMPOSE_FAILURE_MESSAGE });
    expect(failed.review!.failureMessage).not.toMatch(DATABASE_WORDING);

    await t.db.backupSet.update({ where: { id: setId }, data: { completeness: set.completeness ?? {} } });
    const retried = await composeReviewOf(t.db, fixture.operator, demo.environments.Northwind!);
    expect(retried.run.outcome).toBe("succeeded");
    expect(retried.review).toMatchObject({ id: failed.review!.id, status: "ready", failureMessage: null });
    expect(await t.db.environmentReview.count({ where: { fingerprint: failed.review!.fingerprint } })).toBe(1);
  });

  it("a compose run whose job vanished is enqueued again by the sweep and ends reconciled", async () => {
    const run = await t.db.operationRun.create({
      data: {
        workspaceId: demo.workspaceId,
        managedEnvironmentId: demo.environments.Northwind!,
        type: "environment.review.compose",
        enqueueAttempts: 1,
        createdAt: new Date(Date.now() - 120_000),
      },
    });
    const report = await sweepStaleRuns(t.db, { queuedGraceMs: 60_000 });
    expect(report.requeued).toContain(run.id);
    const done = await waitForCompletion(t.db, run.id);
    expect(done.outcome).toBe("succeeded");
    expect((done.context as { reconciliation?: { latest: { adapter: string } } }).reconciliation?.latest.adapter).toBe(
      "environmentReviewComposeAdapter",
    );
  });
});
