import { writeFileSync } from "node:fs";
import {
  type Actor,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  archiveEnvironmentReview,
  composeEnvironmentReview,
  composeReviewForRun,
  getVisibleReview,
  loadReviewDocument,
  loadUserActor,
  publishEnvironmentReview,
  renderReviewHtml,
  renderReviewPdf,
  type ReviewSections,
} from "@atlas/core";
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
  tenantId,
  waitForCompletion,
} from "../kit/index.ts";
import { backupOf } from "../kit/restore-fixture.ts";

let t: TestDatabase;
let sim: GraphSim;
let worker: RunningWorker;
let operator: Actor;
let owner: Actor;
let otherOwner: Actor;
let environments: Record<string, string>;

async function actorOf(email: string): Promise<Actor> {
  const user = await t.db.user.findUniqueOrThrow({ where: { email } });
  return (await loadUserActor(t.db, user.id))!;
}

beforeAll(async () => {
  t = await createTestDatabase();
  sim = await startGraphSim({ port: 0, timeScale: 0.05 });
  const fixture = await seedDemoAgainst(t.db, sim);
  operator = fixture.operator;
  environments = fixture.demo.demo!.environments;
  owner = await actorOf("owner@demo.test");
  otherOwner = await actorOf("owner@other.test");
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

const reviewsOf = (environment: string) => t.db.environmentReview.findMany({ where: { managedEnvironmentId: environments[environment]! } });

describe("environment.review.compose", () => {
  let firstReviewId: string;

  it("composes one ready review of Fabrikam after a backup, SUCCEEDED and RECONCILED by the review adapter", async () => {
    const backupSetId = await backupOf(t.db, operator, environments.Fabrikam!);
    const { run, review, verdict, context, wallMs } = await composeReviewOf(t.db, operator, environments.Fabrikam!);
    console.log(`review compose wall time, Fabrikam (${sim.objectCount(tenantId("Fabrikam"))} objects): ${wallMs} ms`);
    expect(run.outcome).toBe("succeeded");
    expect(verdict).toMatchObject({ decision: "reconciled", outcome: "succeeded", adapter: "environmentReviewComposeAdapter" });
    expect(verdict?.evidence).toContainEqual({ kind: "review", id: review!.id, value: "ready" });
    expect(context.reused).toBe(false);
    expect(review).toMatchObject({ status: "ready", fingerprint: context.fingerprint, composedByRunId: run.id });
    expect(await reviewsOf("Fabrikam")).toHaveLength(1);
    const sections = review!.sections as unknown as ReviewSections;
    expect(sections.backup.backupSetId).toBe(backupSetId);
    const captured = sections.backup.rows.reduce((sum, row) => sum + row.captured, 0);
    expect(captured).toBe(sim.objectCount(tenantId("Fabrikam")));
    expect(JSON.stringify(review!.evidence)).not.toContain("displayName");
    firstReviewId = review!.id;
    const document = await loadReviewDocument(t.db, operator, review!.id);
    const pdf = await renderReviewPdf(document);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    if (process.env.REVIEW_PDF_OUT) writeFileSync(process.env.REVIEW_PDF_OUT, pdf);
    console.log(`review PDF size, Fabrikam: ${pdf.length} bytes; HTML: ${renderReviewHtml(document).length} bytes`);
  });

  it("reuses the same review when nothing changed: no new row, run SUCCEEDED", async () => {
    const { run, review, context } = await composeReviewOf(t.db, operator, environments.Fabrikam!);
    expect(run.outcome).toBe("succeeded");
    expect(context.reused).toBe(true);
    expect(review?.id).toBe(firstReviewId);
    expect(await reviewsOf("Fabrikam")).toHaveLength(1);
  });

  it("20 concurrent composes of one environment leave one review, no error, every run final and reconciled", async () => {
    await backupOf(t.db, operator, environments.Contoso!);
    const starts = await Promise.all(
      Array.from({ length: 20 }, () => composeEnvironmentReview(t.db, operator, { environmentId: environments.Contoso! })),
    );
    const runIds = [...new Set(starts.map((start) => start.run.id))];
    const runs = await Promise.all(runIds.map((id) => waitForCompletion(t.db, id)));
    for (const run of runs) {
      expect(run.outcome).toBe("succeeded");
      expect((run.context as { reconciliation?: { latest: { decision: string } } }).reconciliation?.latest.decision).toBe("reconciled");
    }
    expect(await reviewsOf("Contoso")).toHaveLength(1);
  });

  it("recovers a fingerprint collision by adopting the winner: one row, no error, no database wording", async () => {
    await backupOf(t.db, operator, environments.Northwind!);
    const { run } = await composeEnvironmentReview(t.db, operator, { environmentId: environments.Northwind! });
    await waitForCompletion(t.db, run.id);
    await t.db.environmentReview.deleteMany({ where: { managedEnvironmentId: environments.Northwind! } });
    // Eight jobs of the same inputs at once: all but one lose the insert on the partial unique index.
    const results = await Promise.all(Array.from({ length: 8 }, () => composeReviewForRun(t.db, run)));
    expect(results.every((result) => result.ok)).toBe(true);
    expect(new Set(results.map((result) => result.reviewId)).size).toBe(1);
    expect(results.filter((result) => result.ok && !result.reused)).toHaveLength(1);
    const rows = await reviewsOf("Northwind");
    expect(rows.map((row) => row.status)).toEqual(["ready"]);
    const events = await t.db.operationRunEvent.findMany({ where: { run: { type: "environment.review.compose" } } });
    const runs = await t.db.operationRun.findMany({ where: { type: "environment.review.compose" } });
    const userText = [
      ...events.map((event) => event.message),
      ...runs.map((entry) => entry.failureMessage),
      ...rows.map((row) => row.failureMessage),
    ];
    for (const text of userText) expect(text ?? "").not.toMatch(DATABASE_WORDING);
  });
});

describe("review lifecycle", () => {
  it("a new setting in the tenant gives a new review whose changes name exactly that setting; publishing supersedes", async () => {
    const [first] = await reviewsOf("Fabrikam");
    await expect(publishEnvironmentReview(t.db, operator, { reviewId: first!.id })).rejects.toBeInstanceOf(ForbiddenError);
    const published = await publishEnvironmentReview(t.db, owner, { reviewId: first!.id });
    expect(published.status).toBe("published");
    // Publishing again changes nothing and adds nothing.
    expect((await publishEnvironmentReview(t.db, owner, { reviewId: first!.id })).publishedAt).toEqual(published.publishedAt);

    const item = await t.db.backupItem.findFirstOrThrow({
      where: { managedEnvironmentId: environments.Fabrikam!, objectType: "deviceConfigurations" },
      include: { policyVersion: true },
      orderBy: [{ displayName: "asc" }],
    });
    const raw = item.policyVersion.rawPayload as Record<string, unknown>;
    const field = Object.keys(raw).find((key) => typeof raw[key] === "boolean")!;
    sim.mutate(tenantId("Fabrikam"), "deviceConfigurations", item.providerId, { [field]: !raw[field] });
    await backupOf(t.db, operator, environments.Fabrikam!);
    const second = await composeReviewOf(t.db, operator, environments.Fabrikam!);
    expect(second.run.outcome).toBe("succeeded");
    expect(second.review!.id).not.toBe(first!.id);
    expect(second.review!.fingerprint).not.toBe(first!.fingerprint);
    const changes = (second.review!.sections as unknown as ReviewSections).changes;
    expect(changes.baselineReviewId).toBe(first!.id);
    expect(changes.policies).toEqual([
      expect.objectContaining({
        providerId: item.providerId,
        kind: "changed",
        settings: [expect.objectContaining({ kind: "changed", path: field })],
      }),
    ]);
    expect(changes.policies[0]!.settings).toHaveLength(1);

    await publishEnvironmentReview(t.db, owner, { reviewId: second.review!.id });
    const after = await t.db.environmentReview.findMany({
      where: { managedEnvironmentId: environments.Fabrikam! },
      orderBy: { createdAt: "asc" },
    });
    expect(after.map((row) => [row.id, row.status, row.supersededById])).toEqual([
      [first!.id, "superseded", second.review!.id],
      [second.review!.id, "published", null],
    ]);
    const audit = await t.db.auditEvent.findMany({ where: { targetType: "environment_review" }, orderBy: { createdAt: "asc" } });
    expect(audit.map((event) => [event.action, event.targetId])).toEqual([
      ["environment_review.published", first!.id],
      ["environment_review.superseded", first!.id],
      ["environment_review.published", second.review!.id],
    ]);
  });

  it("archives any review once, refuses to publish what is not ready, and answers other workspaces as missing", async () => {
    const [contoso] = await reviewsOf("Contoso");
    await expect(getVisibleReview(t.db, otherOwner, contoso!.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(publishEnvironmentReview(t.db, otherOwner, { reviewId: contoso!.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(archiveEnvironmentReview(t.db, otherOwner, { reviewId: contoso!.id })).rejects.toBeInstanceOf(NotFoundError);
    const archived = await archiveEnvironmentReview(t.db, owner, { reviewId: contoso!.id });
    expect(archived.status).toBe("archived");
    expect((await archiveEnvironmentReview(t.db, owner, { reviewId: contoso!.id })).archivedAt).toEqual(archived.archivedAt);
    await expect(publishEnvironmentReview(t.db, owner, { reviewId: contoso!.id })).rejects.toBeInstanceOf(ValidationError);
    expect(await reviewsOf("Contoso")).toHaveLength(1);
  });
});
