import { createUser, recordObservedObjects } from "@atlas/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, type TestApi, loginAs, startTestApi } from "../kit/api/harness.ts";
import { toGlobalId } from "@atlas/api";
import { TEST_SECRET_BOX, type TestDatabase, createTestDatabase } from "../kit/index.ts";

let database: TestDatabase;
let api: TestApi;
let operator: ApiClient;
let readonly: ApiClient;
let demoWorkspaceId: string;
let env: Record<string, string>;

const START = `mutation Start($environmentId: ID!) {
  startInventorySync(input: { environmentId: $environmentId }) {
    __typename
    ... on StartOperationPayload { deduplicated run { id type status outcome environment { name } workspace { slug } } }
    ... on Error { message }
    ... on ForbiddenError { capability }
  }
}`;

const RUN = `query Run($id: ID!) {
  node(id: $id) {
    ... on OperationRun {
      id type status outcome progress createdAt startedAt completedAt hasProofGaps rawContext
      summaryCounts { key value }
      failure { reasonCode message }
      reconciliation { decision outcome reasonCode adapter adapterVersion evaluatedAt evidence { kind id value } proofGaps { code } }
      proofGaps { code message expectedEvidence }
      events(first: 10) { totalCount edges { node { id kind fromStatus toStatus fromOutcome toOutcome reasonCode actor actorName createdAt } } }
    }
  }
}`;

beforeAll(async () => {
  database = await createTestDatabase();
  api = await startTestApi(database, TEST_SECRET_BOX);
  demoWorkspaceId = toGlobalId("Workspace", api.demo.demo!.workspaceId);
  env = Object.fromEntries(Object.entries(api.demo.demo!.environments).map(([name, id]) => [name, toGlobalId("ManagedEnvironment", id)]));
  operator = await loginAs(api.url, "operator@demo.test");
  readonly = await loginAs(api.url, "readonly@demo.test");
});

afterAll(async () => {
  await api?.close();
  await database?.drop();
});

describe("startInventorySync", () => {
  it("starts a QUEUED run for an operator", async () => {
    const { body } = await operator.graphql(START, { environmentId: env.Contoso });
    expect(body.errors).toBeUndefined();
    expect(body.data.startInventorySync).toMatchObject({
      __typename: "StartOperationPayload",
      deduplicated: false,
      run: { type: "inventory.sync", status: "QUEUED", outcome: "PENDING", environment: { name: "Contoso" }, workspace: { slug: "demo" } },
    });
    const jobs = await database.db.$queryRaw<
      { count: number }[]
    >`select count(*)::int as count from graphile_worker.jobs where task_identifier = 'inventory.sync'`;
    expect(jobs[0]?.count).toBe(1);
  });

  it("deduplicates 50 concurrent starts into exactly one run", async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => operator.graphql(START, { environmentId: env.Fabrikam })));
    const payloads = results.map((result) => result.body.data?.startInventorySync);
    expect(payloads.every((payload) => payload?.__typename === "StartOperationPayload")).toBe(true);
    expect(new Set(payloads.map((payload) => payload.run.id)).size).toBe(1);
    expect(payloads.filter((payload) => payload.deduplicated === false)).toHaveLength(1);
    expect(payloads.filter((payload) => payload.deduplicated === true)).toHaveLength(49);
    const runs = await database.db.operationRun.count({ where: { managedEnvironmentId: api.demo.demo!.environments.Fabrikam } });
    expect(runs).toBe(1);
  });

  it("returns ForbiddenError to a readonly member and starts nothing", async () => {
    const { body } = await readonly.graphql(START, { environmentId: env.Northwind });
    expect(body.data.startInventorySync).toMatchObject({
      __typename: "ForbiddenError",
      capability: "inventory.sync",
      message: expect.stringContaining("inventory.sync"),
    });
    expect(await database.db.operationRun.count({ where: { managedEnvironmentId: api.demo.demo!.environments.Northwind } })).toBe(0);
  });

  it("returns NotFoundError for malformed and unknown environment ids", async () => {
    for (const environmentId of [
      "garbage",
      toGlobalId("ManagedEnvironment", crypto.randomUUID()),
      toGlobalId("Workspace", api.demo.demo!.workspaceId),
    ]) {
      const { body } = await operator.graphql(START, { environmentId });
      expect(body.data.startInventorySync).toEqual({ __typename: "NotFoundError", message: "Environment not found." });
    }
  });
});

describe("runs", () => {
  it("lists runs newest first with filters and totalCount", async () => {
    const query = `query Runs($workspaceId: ID!, $filter: OperationRunFilter, $first: Int, $after: String) {
      operationRuns(workspaceId: $workspaceId, filter: $filter, first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { id environment { name } status } }
      }
    }`;
    const all = await operator.graphql(query, { workspaceId: demoWorkspaceId });
    expect(all.body.errors).toBeUndefined();
    expect(all.body.data.operationRuns.totalCount).toBe(2);
    expect(all.body.data.operationRuns.edges.map((edge: any) => edge.node.environment.name)).toEqual(["Fabrikam", "Contoso"]);

    const page = await operator.graphql(query, { workspaceId: demoWorkspaceId, first: 1 });
    expect(page.body.data.operationRuns.pageInfo.hasNextPage).toBe(true);
    const next = await operator.graphql(query, {
      workspaceId: demoWorkspaceId,
      first: 1,
      after: page.body.data.operationRuns.pageInfo.endCursor,
    });
    expect(next.body.data.operationRuns.edges.map((edge: any) => edge.node.environment.name)).toEqual(["Contoso"]);

    const contoso = await operator.graphql(query, {
      workspaceId: demoWorkspaceId,
      filter: { environmentIds: [env.Contoso], statuses: ["QUEUED"] },
    });
    expect(contoso.body.data.operationRuns.totalCount).toBe(1);
    const completed = await operator.graphql(query, { workspaceId: demoWorkspaceId, filter: { statuses: ["COMPLETED"] } });
    expect(completed.body.data.operationRuns.totalCount).toBe(0);
    const malformedEnvironment = await operator.graphql(query, { workspaceId: demoWorkspaceId, filter: { environmentIds: ["garbage"] } });
    expect(malformedEnvironment.body.data.operationRuns.totalCount).toBe(0);
  });

  it("reconciles on request: NOT_RECONCILED with proof gaps while the sync has not run", async () => {
    const run = await database.db.operationRun.findFirstOrThrow({ where: { managedEnvironmentId: api.demo.demo!.environments.Contoso } });
    const runId = toGlobalId("OperationRun", run.id);
    const { body } = await operator.graphql(
      `mutation($runId: ID!) { reconcileOperationRun(input: { runId: $runId }) { __typename ... on OperationRunPayload { run { status reconciliation { decision } proofGaps { code } } } } }`,
      { runId },
    );
    expect(body.data.reconcileOperationRun).toEqual({
      __typename: "OperationRunPayload",
      run: { status: "QUEUED", reconciliation: { decision: "NOT_RECONCILED" }, proofGaps: [{ code: "EXECUTION_NOT_FINISHED" }] },
    });
    const detail = await operator.graphql(RUN, { id: runId });
    expect(detail.body.errors).toBeUndefined();
    const node = detail.body.data.node;
    expect(node).toMatchObject({ hasProofGaps: true, rawContext: null, failure: null, summaryCounts: [] });
    expect(node.reconciliation).toMatchObject({
      adapter: "inventorySyncAdapter",
      adapterVersion: "2",
      reasonCode: "execution_in_progress",
      outcome: null,
    });
    expect(node.reconciliation.evaluatedAt).toMatch(/Z$/);
    expect(node.proofGaps[0]).toMatchObject({ code: "EXECUTION_NOT_FINISHED", expectedEvidence: "executionFinishedAt" });
    expect(node.events.edges[0].node).toMatchObject({
      kind: "transition",
      toStatus: "QUEUED",
      toOutcome: "PENDING",
      reasonCode: "started",
    });
    const gaps = await operator.graphql(
      `query($w: ID!) { operationRuns(workspaceId: $w, filter: { hasProofGaps: true }) { totalCount } }`,
      { w: demoWorkspaceId },
    );
    expect(gaps.body.data.operationRuns.totalCount).toBe(1);
  });

  it("shows rawContext to platform support only", async () => {
    const userId = await createUser(database.db, {
      email: "support@platform.test",
      displayName: "Sam Support",
      password: "support-password",
      isPlatformSupport: true,
    });
    await database.db.membership.create({ data: { userId, workspaceId: api.demo.demo!.workspaceId, role: "readonly" } });
    const support = await loginAs(api.url, "support@platform.test", "support-password");
    const run = await database.db.operationRun.findFirstOrThrow({ where: { managedEnvironmentId: api.demo.demo!.environments.Contoso } });
    const { body } = await support.graphql(RUN, { id: toGlobalId("OperationRun", run.id) });
    expect(JSON.parse(body.data.node.rawContext)).toHaveProperty("reconciliation");
  });

  it("cancels a queued run, records the transition and notifies the initiator", async () => {
    const run = await database.db.operationRun.findFirstOrThrow({ where: { managedEnvironmentId: api.demo.demo!.environments.Fabrikam } });
    const cancel = `mutation($runId: ID!) { cancelOperationRun(input: { runId: $runId }) { __typename ... on OperationRunPayload { run { status outcome completedAt } } ... on Error { message } } }`;
    const forbidden = await readonly.graphql(cancel, { runId: toGlobalId("OperationRun", run.id) });
    expect(forbidden.body.data.cancelOperationRun.__typename).toBe("ForbiddenError");
    const { body } = await operator.graphql(cancel, { runId: toGlobalId("OperationRun", run.id) });
    expect(body.data.cancelOperationRun).toMatchObject({
      __typename: "OperationRunPayload",
      run: { status: "COMPLETED", outcome: "CANCELLED" },
    });
    const again = await operator.graphql(cancel, { runId: toGlobalId("OperationRun", run.id) });
    expect(again.body.data.cancelOperationRun.__typename).toBe("ValidationError");

    // The timeline names the person who cancelled, not user:<id>.
    const operatorUser = await database.db.user.findUniqueOrThrow({ where: { email: "operator@demo.test" } });
    const detail = await operator.graphql(RUN, { id: toGlobalId("OperationRun", run.id) });
    const events = detail.body.data.node.events.edges.map((edge: any) => edge.node);
    expect(events.find((event: any) => event.reasonCode === "cancelled")).toMatchObject({
      actor: `user:${operatorUser.id}`,
      actorName: operatorUser.displayName,
    });

    const inbox = await operator.graphql(
      `{ unreadNotificationCount notifications(first: 5) { totalCount edges { node { id kind title body params { name value } link readAt } } } }`,
    );
    expect(inbox.body.data.unreadNotificationCount).toBe(1);
    const [notification] = inbox.body.data.notifications.edges.map((edge: any) => edge.node);
    expect(notification).toMatchObject({ link: `/runs/${encodeURIComponent(toGlobalId("OperationRun", run.id))}`, readAt: null });
    // It names the tenant, and sends the values its text is made of so clients can word it themselves.
    expect(notification.kind).toBe("operation_run.finished");
    expect(notification.title).toContain("Fabrikam");
    expect(notification.params).toEqual([
      { name: "environment", value: "Fabrikam" },
      { name: "outcome", value: "cancelled" },
      { name: "type", value: run.type },
    ]);
    const marked = await operator.graphql(
      `mutation($ids: [ID!]) { markNotificationsRead(input: { ids: $ids }) { markedCount unreadCount } }`,
      { ids: [notification.id] },
    );
    expect(marked.body.data.markNotificationsRead).toEqual({ markedCount: 1, unreadCount: 0 });
  });
});

describe("inventory", () => {
  it("lists policies of an environment with filters and counts per type", async () => {
    const environmentId = api.demo.demo!.environments.Northwind!;
    const run = await database.db.operationRun.create({
      data: {
        workspaceId: api.demo.demo!.workspaceId,
        managedEnvironmentId: environmentId,
        type: "inventory.sync",
        status: "completed",
        outcome: "succeeded",
      },
    });
    const scope = { workspaceId: api.demo.demo!.workspaceId, environmentId, runId: run.id };
    await recordObservedObjects(database.db, scope, "deviceConfigurations", [
      { providerId: "a", displayName: "Windows baseline", payload: {} },
      { providerId: "b", displayName: "iOS restrictions", payload: {} },
    ]);
    await recordObservedObjects(database.db, scope, "configurationPolicies", [
      { providerId: "c", displayName: "Edge settings", payload: {}, settingsCount: 3 },
    ]);
    const query = `query($id: ID!, $filter: PolicyFilter) { node(id: $id) { ... on ManagedEnvironment {
      inventoryCounts { key value }
      policies(filter: $filter, first: 10) { totalCount edges { node { id objectType displayName settingsCount lastObservedAt disappearedAt } } }
    } } }`;
    const all = await readonly.graphql(query, { id: env.Northwind });
    expect(all.body.errors).toBeUndefined();
    expect(all.body.data.node.inventoryCounts).toEqual([
      { key: "configurationPolicies", value: 1 },
      { key: "deviceConfigurations", value: 2 },
    ]);
    expect(all.body.data.node.policies.totalCount).toBe(3);
    const searched = await readonly.graphql(query, { id: env.Northwind, filter: { search: "WINDOWS", types: ["deviceConfigurations"] } });
    expect(searched.body.data.node.policies.edges.map((edge: any) => edge.node.displayName)).toEqual(["Windows baseline"]);
  });

  it("lists a workspace's environments as a connection", async () => {
    const { body } = await operator.graphql(
      `query($id: ID!) { workspace(id: $id) { slug environments(first: 2) { totalCount pageInfo { hasNextPage } edges { node { name providerTenantId } } } } }`,
      { id: demoWorkspaceId },
    );
    expect(body.data.workspace.environments.totalCount).toBe(3);
    expect(body.data.workspace.environments.pageInfo.hasNextPage).toBe(true);
    expect(body.data.workspace.environments.edges.map((edge: any) => edge.node.name)).toEqual(["Contoso", "Fabrikam"]);
  });
});
