import { rawIdOf, toGlobalId } from "@atlas/api";
import { DEMO_TENANTS, type GraphSim, startGraphSim } from "@atlas/graph-sim";
import { type RunningWorker, startWorker } from "@atlas/worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, type TestApi, loginAs, startTestApi } from "../kit/api/harness.ts";
import { DATABASE_WORDING, TEST_SECRET_BOX, type TestDatabase, createTestDatabase, waitForCompletion } from "../kit/index.ts";

/** The review API as partner tooling and the SPA use it: compose, read, page, publish, export. */
let database: TestDatabase;
let sim: GraphSim;
let worker: RunningWorker;
let api: TestApi;
let operator: ApiClient;
let owner: ApiClient;
let otherOwner: ApiClient;
let workspaceId: string;
let fabrikamId: string;

const REVIEW_FIELDS = `id status fingerprint periodEnd environment { name } composedByRun { id outcome } attention { severity code message }
  counts { key value } changes { displayName settings { path } }`;

async function compose(client: ApiClient, environmentId: string) {
  const { body } = await client.graphql(
    `mutation($e: ID!) { composeEnvironmentReview(input: { environmentId: $e }) {
       __typename ... on StartOperationPayload { deduplicated run { id } } ... on Error { message } } }`,
    { e: environmentId },
  );
  return body.data.composeEnvironmentReview;
}

async function composeAndWait(environmentId: string) {
  const started = await compose(operator, environmentId);
  await waitForCompletion(database.db, rawIdOf(started.run.id, "OperationRun")!);
  const { body } = await operator.graphql(
    `query($id: ID!) { node(id: $id) { ... on OperationRun { outcome environmentReview { ${REVIEW_FIELDS} } } } }`,
    {
      id: started.run.id,
    },
  );
  return body.data.node;
}

beforeAll(async () => {
  database = await createTestDatabase();
  sim = await startGraphSim({ port: 0, timeScale: 0.05 });
  api = await startTestApi(database, TEST_SECRET_BOX, { graph: { baseUrl: sim.url, tenants: DEMO_TENANTS } });
  worker = await startWorker({
    connectionString: database.url,
    box: TEST_SECRET_BOX,
    heartbeatMs: 500,
    graph: { timeScale: 0.05 },
    log: () => {},
  });
  operator = await loginAs(api.url, "operator@demo.test");
  owner = await loginAs(api.url, "owner@demo.test");
  otherOwner = await loginAs(api.url, "owner@other.test");
  workspaceId = toGlobalId("Workspace", api.demo.demo!.workspaceId);
  fabrikamId = toGlobalId("ManagedEnvironment", api.demo.demo!.environments.Fabrikam!);
});

afterAll(async () => {
  await worker?.stop();
  await api?.close();
  await sim?.close();
  await database?.drop();
});

describe("environment reviews over GraphQL", () => {
  let reviewId: string;

  it("composes a review without a backup, names the missing backup first, and links it from its run", async () => {
    const run = await composeAndWait(fabrikamId);
    expect(run.outcome).toBe("SUCCEEDED");
    const review = run.environmentReview;
    expect(review).toMatchObject({ status: "READY", environment: { name: "Fabrikam" }, composedByRun: { outcome: "SUCCEEDED" } });
    expect(review.attention[0]).toMatchObject({ severity: "high", code: "NO_BACKUP" });
    reviewId = review.id;
  });

  it("lists reviews by workspace and environment with filters and keyset paging", async () => {
    await composeAndWait(toGlobalId("ManagedEnvironment", api.demo.demo!.environments.Contoso!));
    const list = `query($w: ID!, $f: EnvironmentReviewFilter, $after: String) {
      environmentReviews(workspaceId: $w, filter: $f, first: 1, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`;
    const first = await operator.graphql(list, { w: workspaceId });
    expect(first.body.data.environmentReviews.totalCount).toBe(2);
    const second = await operator.graphql(list, { w: workspaceId, after: first.body.data.environmentReviews.pageInfo.endCursor });
    const ids = [first, second].map((page) => page.body.data.environmentReviews.edges[0].node.id);
    expect(new Set(ids).size).toBe(2);
    const filtered = await operator.graphql(list, { w: workspaceId, f: { environmentIds: [fabrikamId], statuses: ["READY"] } });
    expect(filtered.body.data.environmentReviews.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual([reviewId]);
    const none = await operator.graphql(list, { w: workspaceId, f: { statuses: ["PUBLISHED"] } });
    expect(none.body.data.environmentReviews.totalCount).toBe(0);
    const perEnvironment = await operator.graphql(
      `query($id: ID!) { node(id: $id) { ... on ManagedEnvironment { reviews(first: 5) { totalCount edges { node { id } } } } } }`,
      {
        id: fabrikamId,
      },
    );
    expect(perEnvironment.body.data.node.reviews.edges).toEqual([{ node: { id: reviewId } }]);
  });

  it("publishes with review.publish only, answering errors as typed results without database wording", async () => {
    const publish = `mutation($r: ID!) { publishEnvironmentReview(input: { reviewId: $r }) {
      __typename ... on EnvironmentReviewPayload { review { status publishedAt } } ... on Error { message } } }`;
    const refused = await operator.graphql(publish, { r: reviewId });
    expect(refused.body.data.publishEnvironmentReview.__typename).toBe("ForbiddenError");
    const published = await owner.graphql(publish, { r: reviewId });
    expect(published.body.data.publishEnvironmentReview.review.status).toBe("PUBLISHED");
    const archive = `mutation($r: ID!) { archiveEnvironmentReview(input: { reviewId: $r }) { __typename ... on Error { message } } }`;
    expect((await owner.graphql(archive, { r: reviewId })).body.data.archiveEnvironmentReview.__typename).toBe("EnvironmentReviewPayload");
    const again = await owner.graphql(publish, { r: reviewId });
    expect(again.body.data.publishEnvironmentReview.__typename).toBe("ValidationError");
    for (const message of [refused, again].map((result) => result.body.data.publishEnvironmentReview.message)) {
      expect(message).not.toMatch(DATABASE_WORDING);
    }
  });

  it("answers another workspace's reviews as missing", async () => {
    const node = await otherOwner.graphql(`query($id: ID!) { node(id: $id) { id } }`, { id: reviewId });
    expect(node.body.data.node).toBeNull();
    const missing = toGlobalId("EnvironmentReview", "00000000-0000-4000-8000-000000000000");
    const publish = `mutation($r: ID!) { publishEnvironmentReview(input: { reviewId: $r }) { __typename ... on Error { message } } }`;
    const foreign = await otherOwner.graphql(publish, { r: reviewId });
    const absent = await otherOwner.graphql(publish, { r: missing });
    // The same answer as for an id that does not exist; only the cost budget (refilling meanwhile) may differ.
    expect({ ...foreign.body, extensions: undefined }).toEqual({ ...absent.body, extensions: undefined });
    expect(foreign.body.data.publishEnvironmentReview.__typename).toBe("NotFoundError");
    const list = await otherOwner.graphql(`query($w: ID!) { environmentReviews(workspaceId: $w) { totalCount } }`, { w: workspaceId });
    expect(list.body.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const composeForeign = await compose(otherOwner, fabrikamId);
    expect(composeForeign.__typename).toBe("NotFoundError");
  });

  it("exports the review as customer-ready HTML: workspace brand, tenant name, period, tenant values escaped", async () => {
    await database.db.managedEnvironment.update({
      where: { id: api.demo.demo!.environments.Fabrikam! },
      data: { name: 'Fabrikam <img src=x onerror="alert(1)">' },
    });
    const { body } = await operator.graphql(`query($id: ID!) { node(id: $id) { ... on EnvironmentReview { exportUrl(format: HTML) } } }`, {
      id: reviewId,
    });
    const url = body.data.node.exportUrl as string;
    expect(url).toMatch(/^\/exports\/environment-reviews\/[0-9a-f-]{36}\.html\?expires=\d+&sig=[\w-]+$/);
    const response = await fetch(`${api.url}${url}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await response.text();
    expect(html).toContain("Demo MSP");
    expect(html).toContain("Environment review: Fabrikam &#60;img src=x onerror=&#34;alert(1)&#34;&#62;");
    expect(html).not.toContain("<img");
    expect(html).toMatch(/Period: up to \d{4}-\d{2}-\d{2}/);
    expect(html).toContain("Needs attention (");
    const tampered = await fetch(`${api.url}${url}0`);
    expect(tampered.status).toBe(403);
  });

  it("exports the same review as a PDF", async () => {
    const { body } = await operator.graphql(`query($id: ID!) { node(id: $id) { ... on EnvironmentReview { exportUrl(format: PDF) } } }`, {
      id: reviewId,
    });
    const response = await fetch(`${api.url}${body.data.node.exportUrl}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    console.log(`review PDF size (Fabrikam, no backup): ${pdf.length} bytes`);
  });
  it("compares two reviews of one environment: both counts and only what differs; other scopes answer as missing", async () => {
    const backup = await operator.graphql(
      `mutation($e: ID!) { startBackup(input: { environmentId: $e }) { __typename ... on StartOperationPayload { run { id } } } }`,
      { e: fabrikamId },
    );
    await waitForCompletion(database.db, rawIdOf(backup.body.data.startBackup.run.id, "OperationRun")!, 90_000);
    const later = (await composeAndWait(fabrikamId)).environmentReview;
    expect(later.id).not.toBe(reviewId);
    const compare = `query($l: ID!, $r: ID!) { compareEnvironmentReviews(leftId: $l, rightId: $r) { __typename
      ... on EnvironmentReviewComparison { left { id } right { id } counts { key left right } inventory { objectType left right }
        backup { objectType left { complete } right { captured gaps complete } } changes { displayName } }
      ... on Error { message } } }`;
    const { body } = await operator.graphql(compare, { l: reviewId, r: later.id });
    const comparison = body.data.compareEnvironmentReviews;
    expect(comparison).toMatchObject({ __typename: "EnvironmentReviewComparison", left: { id: reviewId }, right: { id: later.id } });
    const backupObjects = comparison.counts.find((count: { key: string }) => count.key === "backupObjects");
    expect(backupObjects.left).toBe(0);
    expect(backupObjects.right).toBeGreaterThan(0);
    // The earlier review had no backup: every backed-up type is a completeness difference, none left unchanged.
    expect(comparison.backup.length).toBeGreaterThan(0);
    for (const row of comparison.backup) expect(row).toMatchObject({ left: null, right: { gaps: 0, complete: true } });
    expect(comparison.changes).toEqual([]);
    const same = await operator.graphql(compare, { l: later.id, r: later.id });
    expect(same.body.data.compareEnvironmentReviews).toMatchObject({ inventory: [], backup: [], changes: [] });

    const contoso = await operator.graphql(
      `query($w: ID!, $e: [ID!]) { environmentReviews(workspaceId: $w, filter: { environmentIds: $e }) { edges { node { id } } } }`,
      { w: workspaceId, e: [toGlobalId("ManagedEnvironment", api.demo.demo!.environments.Contoso!)] },
    );
    const across = await operator.graphql(compare, { l: reviewId, r: contoso.body.data.environmentReviews.edges[0].node.id });
    expect(across.body.data.compareEnvironmentReviews).toMatchObject({
      __typename: "ValidationError",
      message: "Only two reviews of the same environment can be compared.",
    });
    const foreign = await otherOwner.graphql(compare, { l: reviewId, r: later.id });
    const absent = await otherOwner.graphql(compare, {
      l: toGlobalId("EnvironmentReview", "00000000-0000-4000-8000-000000000000"),
      r: later.id,
    });
    expect(foreign.body.data.compareEnvironmentReviews.__typename).toBe("NotFoundError");
    // The same answer as for an id that does not exist; only the cost budget (refilling meanwhile) may differ.
    expect({ ...foreign.body, extensions: undefined }).toEqual({ ...absent.body, extensions: undefined });
  }, 120_000);

  it("serves the document's tables: inventory by type, the backup's coverage against provider totals, restores and runs with gaps", async () => {
    // The newest Fabrikam review was composed after the backup of the test above.
    const { body } = await operator.graphql(
      `query($w: ID!, $e: [ID!]) { environmentReviews(workspaceId: $w, filter: { environmentIds: $e }, first: 1) { edges { node {
        inventory { objectType inventory backup } backupSetId
        backupCoverage { objectType providerTotal captured complete gaps { displayName } }
        restores { restoreRunId status proven } proofGapRuns { runId type outcome gapCodes } } } } }`,
      { w: workspaceId, e: [fabrikamId] },
    );
    const review = body.data.environmentReviews.edges[0].node;
    const [set] = await database.db.backupSet.findMany({
      where: { managedEnvironmentId: api.demo.demo!.environments.Fabrikam! },
      orderBy: { createdAt: "desc" },
      take: 1,
    });
    expect(review.backupSetId).toBe(toGlobalId("BackupSet", set!.id));
    const items = await database.db.backupItem.groupBy({ by: ["objectType"], where: { backupSetId: set!.id }, _count: true });
    expect(items.length).toBeGreaterThan(0);
    expect(review.backupCoverage.length).toBe(items.length);
    for (const row of review.backupCoverage) {
      const stored = items.find((item) => item.objectType === row.objectType);
      expect(row).toMatchObject({ captured: stored?._count, providerTotal: stored?._count, complete: true, gaps: [] });
    }
    expect(review.inventory.find((row: { objectType: string }) => row.objectType === "deviceConfigurations")?.backup).toBeGreaterThan(0);
    expect(review.restores).toEqual([]);
    expect(Array.isArray(review.proofGapRuns)).toBe(true);
  });
});
