import { DEMO_TENANTS, type GraphSim, startGraphSim } from "@atlas/graph-sim";
import { type RunningWorker, startWorker } from "@atlas/worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, type TestApi, loginAs, startTestApi } from "../kit/api/harness.ts";
import { rawIdOf, toGlobalId } from "@atlas/api";
import { TEST_SECRET_BOX, type TestDatabase, createTestDatabase, tenantId, waitForCompletion } from "../kit/index.ts";

/** The backup API end to end: GraphQL starts, the in-process worker captures from the simulator. */
let database: TestDatabase;
let sim: GraphSim;
let worker: RunningWorker;
let api: TestApi;
let owner: ApiClient;
let operator: ApiClient;
let readonly: ApiClient;
let workspaceId: string;
let env: Record<string, string>;
let setId: string;

interface Completeness {
  objectType: string;
  providerTotal: number;
  captured: number;
  complete: boolean;
  gaps: unknown[];
}
type Versions = Array<{ id: string; history: Array<{ id: string }> }>;

const START_BACKUP = `mutation($e: ID!, $name: String) {
  startBackup(input: { environmentId: $e, name: $name }) {
    __typename
    ... on StartOperationPayload { deduplicated run { id type status } }
    ... on ForbiddenError { capability }
    ... on Error { message }
  }
}`;

const SET = `query($id: ID!, $filter: BackupItemFilter, $first: Int, $after: String) {
  node(id: $id) {
    ... on BackupSet {
      id name trigger status itemCount hasGaps createdAt completedAt
      environment { name } operationRun { id outcome }
      completeness { objectType providerTotal captured complete gaps { code } }
      itemCounts { key value }
      items(filter: $filter, first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor }
        edges { node { id objectType displayName providerId isFoundation gaps { code } policyVersion { id contentHash } } }
      }
    }
  }
}`;

const SNAPSHOT = `mutation($p: ID!) { captureSnapshot(input: { policyId: $p }) {
  __typename ... on StartOperationPayload { run { id type } } ... on ForbiddenError { capability } } }`;

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
  workspaceId = toGlobalId("Workspace", api.demo.demo!.workspaceId);
  env = Object.fromEntries(Object.entries(api.demo.demo!.environments).map(([name, id]) => [name, toGlobalId("ManagedEnvironment", id)]));
  owner = await loginAs(api.url, "owner@demo.test");
  operator = await loginAs(api.url, "operator@demo.test");
  readonly = await loginAs(api.url, "readonly@demo.test");
});

afterAll(async () => {
  await worker?.stop();
  await api?.close();
  await sim?.close();
  await database?.drop();
});

async function completed(runGlobalId: string) {
  return waitForCompletion(database.db, rawIdOf(runGlobalId, "OperationRun")!, 90_000);
}

describe("startBackup", () => {
  it("starts a backup run for an operator; a second start joins it", async () => {
    const first = await operator.graphql(START_BACKUP, { e: env.Fabrikam, name: 'Fabrikam "weekly" / API' });
    const second = await operator.graphql(START_BACKUP, { e: env.Fabrikam });
    expect(first.body.data.startBackup).toMatchObject({
      __typename: "StartOperationPayload",
      deduplicated: false,
      run: { type: "backup.capture" },
    });
    expect(second.body.data.startBackup).toMatchObject({ deduplicated: true, run: { id: first.body.data.startBackup.run.id } });
    const run = await completed(first.body.data.startBackup.run.id);
    expect(run.outcome).toBe("succeeded");
    setId = toGlobalId("BackupSet", (run.context as { backupSetId: string }).backupSetId);
  });

  it("answers ForbiddenError to a readonly member and starts nothing", async () => {
    const before = await database.db.operationRun.count();
    const { body } = await readonly.graphql(START_BACKUP, { e: env.Northwind });
    expect(body.data.startBackup).toMatchObject({ __typename: "ForbiddenError", capability: "backup.run" });
    expect(await database.db.operationRun.count()).toBe(before);
  });

  it("rejects a name that is too long with a field error on the input", async () => {
    const { body } = await operator.graphql(
      `mutation($e: ID!, $n: String) { startBackup(input: { environmentId: $e, name: $n }) { __typename ... on ValidationError { fieldErrors { path } } } }`,
      { e: env.Northwind, n: "x".repeat(201) },
    );
    expect(body.data.startBackup).toEqual({ __typename: "ValidationError", fieldErrors: [{ path: ["input", "name"] }] });
  });
});

describe("backup sets", () => {
  it("lists the sets of a workspace newest first, filtered by environment", async () => {
    const { body } = await owner.graphql(
      `query($w: ID!, $e: [ID!]) { backupSets(workspaceId: $w, filter: { environmentIds: $e }) { totalCount edges { node { id environment { name } } } } }`,
      { w: workspaceId, e: [env.Fabrikam] },
    );
    expect(body.data.backupSets).toEqual({ totalCount: 1, edges: [{ node: { id: setId, environment: { name: "Fabrikam" } } }] });
    const none = await owner.graphql(
      `query($w: ID!, $e: [ID!]) { backupSets(workspaceId: $w, filter: { environmentIds: $e }) { totalCount } }`,
      {
        w: workspaceId,
        e: [env.Contoso],
      },
    );
    expect(none.body.data.backupSets.totalCount).toBe(0);
    const viaEnvironment = await owner.graphql(
      `query($e: ID!) { node(id: $e) { ... on ManagedEnvironment { backupSets(first: 5) { totalCount edges { node { id } } } } } }`,
      {
        e: env.Fabrikam,
      },
    );
    expect(viaEnvironment.body.data.node.backupSets).toEqual({ totalCount: 1, edges: [{ node: { id: setId } }] });
  });

  it("shows the set with its completeness record and items by type", async () => {
    const { body } = await readonly.graphql(SET, { id: setId, first: 100 });
    const set = body.data.node as {
      completeness: Completeness[];
      itemCounts: Array<{ key: string; value: number }>;
      items: { edges: Array<{ node: { objectType: string } }> };
    };
    const expected = sim.objectCountsByType(tenantId("Fabrikam")) as Record<string, number>;
    expect(set).toMatchObject({
      name: 'Fabrikam "weekly" / API',
      trigger: "MANUAL",
      status: "COMPLETED",
      hasGaps: false,
      environment: { name: "Fabrikam" },
    });
    expect(body.data.node.operationRun.outcome).toBe("SUCCEEDED");
    expect(body.data.node.itemCount).toBe(sim.objectCount(tenantId("Fabrikam")));
    expect(Object.fromEntries(set.completeness.map((entry) => [entry.objectType, entry.providerTotal]))).toEqual(expected);
    expect(set.completeness.every((entry) => entry.complete && entry.captured === entry.providerTotal && entry.gaps.length === 0)).toBe(
      true,
    );
    expect(Object.fromEntries(set.itemCounts.map((count) => [count.key, count.value]))).toEqual(expected);
    const types = set.items.edges.map((edge) => edge.node.objectType);
    expect(types).toEqual([...types].sort());
  });

  it("searches and filters items, with totals and pages", async () => {
    const { body } = await owner.graphql(SET, { id: setId, filter: { search: "320 SETTINGS" } });
    expect(body.data.node.items.totalCount).toBe(1);
    expect(body.data.node.items.edges[0].node.displayName).toContain("320 settings");
    const byType = await owner.graphql(SET, { id: setId, filter: { objectTypes: ["roleScopeTags"] }, first: 1 });
    const items = byType.body.data.node.items;
    expect(items.totalCount).toBe(sim.objectCountsByType(tenantId("Fabrikam")).roleScopeTags);
    expect(items.edges[0].node).toMatchObject({ objectType: "roleScopeTags", isFoundation: true });
    const next = await owner.graphql(SET, {
      id: setId,
      filter: { objectTypes: ["roleScopeTags"] },
      first: 1,
      after: items.pageInfo.endCursor,
    });
    expect(next.body.data.node.items.edges[0].node.id).not.toBe(items.edges[0].node.id);
  });
});

describe("policy versions", () => {
  it("captures snapshots of one policy and diffs the two versions to exactly the changed setting", async () => {
    const sync = await operator.graphql(
      `mutation($e: ID!) { startInventorySync(input: { environmentId: $e }) { ... on StartOperationPayload { run { id } } } }`,
      {
        e: env.Contoso,
      },
    );
    await completed(sync.body.data.startInventorySync.run.id);
    const policies = await operator.graphql(
      `query($e: ID!) { node(id: $e) { ... on ManagedEnvironment { policies(filter: { types: ["deviceConfigurations"] }, first: 1) { edges { node { id providerId } } } } } }`,
      { e: env.Contoso },
    );
    const policy = policies.body.data.node.policies.edges[0].node;
    expect((await readonly.graphql(SNAPSHOT, { p: policy.id })).body.data.captureSnapshot).toEqual({
      __typename: "ForbiddenError",
      capability: "backup.run",
    });
    const first = await operator.graphql(SNAPSHOT, { p: policy.id });
    expect(first.body.data.captureSnapshot.run.type).toBe("policy.capture_snapshot");
    expect((await completed(first.body.data.captureSnapshot.run.id)).outcome).toBe("succeeded");

    const VERSIONS = `query($p: ID!) { node(id: $p) { ... on Policy { versions { id providerId normalizedPayload history { id } environment { name } } } } }`;
    const [version] = (await operator.graphql(VERSIONS, { p: policy.id })).body.data.node.versions;
    const normalized = JSON.parse(version.normalizedPayload) as Record<string, unknown>;
    const field = Object.keys(normalized).find((key) => typeof normalized[key] === "boolean")!;
    sim.mutate(tenantId("Contoso"), "deviceConfigurations", policy.providerId, { [field]: !normalized[field] });
    const second = await operator.graphql(SNAPSHOT, { p: policy.id });
    await completed(second.body.data.captureSnapshot.run.id);

    const versions = (await operator.graphql(VERSIONS, { p: policy.id })).body.data.node.versions as Versions;
    expect(versions).toHaveLength(2);
    expect(versions[1]!.id).toBe(version.id);
    expect(versions[0]!.history.map((entry) => entry.id)).toEqual(versions.map((entry) => entry.id));
    const diff = await readonly.graphql(
      `query($f: ID!, $t: ID!) { policyVersionDiff(fromId: $f, toId: $t) { from { id } to { id } changes { kind path before after } } }`,
      { f: version.id, t: versions[0]!.id },
    );
    expect(diff.body.data.policyVersionDiff).toEqual({
      from: { id: version.id },
      to: { id: versions[0]!.id },
      changes: [{ kind: "CHANGED", path: field, before: JSON.stringify(normalized[field]), after: JSON.stringify(!normalized[field]) }],
    });
  });
});

describe("setBackupSchedule", () => {
  const SAVE = `mutation($e: ID!, $cron: String!, $last: Int) {
    setBackupSchedule(input: { environmentId: $e, enabled: true, cronExpression: $cron, retentionKeepLast: $last }) {
      __typename
      ... on BackupSchedulePayload { schedule { enabled cronExpression nextRunAt lastRunAt retentionKeepLast retentionKeepDays } }
      ... on ValidationError { message fieldErrors { path message } }
      ... on ForbiddenError { capability }
    }
  }`;

  it("returns field errors for a bad cron and a bad retention", async () => {
    const { body } = await owner.graphql(SAVE, { e: env.Northwind, cron: "every day at two", last: 0 });
    expect(body.data.setBackupSchedule.__typename).toBe("ValidationError");
    expect(body.data.setBackupSchedule.fieldErrors.map((error: { path: string[] }) => error.path)).toEqual([
      ["input", "cronExpression"],
      ["input", "retentionKeepLast"],
    ]);
    expect(await database.db.backupSchedule.count()).toBe(0);
  });

  it("saves a schedule for a manager role and shows it on the environment; an operator may not", async () => {
    expect((await operator.graphql(SAVE, { e: env.Northwind, cron: "0 2 * * *" })).body.data.setBackupSchedule).toEqual({
      __typename: "ForbiddenError",
      capability: "environments.manage",
    });
    const { body } = await owner.graphql(SAVE, { e: env.Northwind, cron: "0 2 * * *", last: 7 });
    const schedule = body.data.setBackupSchedule.schedule;
    expect(schedule).toMatchObject({
      enabled: true,
      cronExpression: "0 2 * * *",
      lastRunAt: null,
      retentionKeepLast: 7,
      retentionKeepDays: null,
    });
    expect(schedule.nextRunAt).toMatch(/T02:00:00\.000Z$/);
    const shown = await readonly.graphql(
      `query($e: ID!) { node(id: $e) { ... on ManagedEnvironment { backupSchedule { cronExpression nextRunAt } } } }`,
      {
        e: env.Northwind,
      },
    );
    expect(shown.body.data.node.backupSchedule).toEqual({ cronExpression: "0 2 * * *", nextRunAt: schedule.nextRunAt });
  });
});
