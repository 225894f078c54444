import { randomUUID } from "node:crypto";
import { recordObservedObjects } from "@atlas/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, type TestApi, loginAs, startTestApi } from "../kit/api/harness.ts";
import {
  type IsolationProbe,
  connectionProbes,
  isolationOutsiders,
  itAnswersForeignLikeAbsent,
  withoutRequestIds,
} from "../kit/api/isolation.ts";
import { toGlobalId } from "@atlas/api";
import { ADDED_COVERAGE_TYPES } from "../kit/coverage-fixture.ts";
import { TEST_SECRET_BOX, type TestDatabase, createTestDatabase } from "../kit/index.ts";

/**
 * A record of another workspace (or outside a member's environments) must be indistinguishable from
 * one that does not exist: for every field that takes an id, the answer for a real foreign id equals
 * the answer for a random id of the same type.
 */
let database: TestDatabase;
let api: TestApi;
let owner: ApiClient;
const ids: Record<string, string> = {};
const random: Record<string, string> = {};
/** Contoso's inventory record of each type added for broader coverage (mobile apps, role assignments ...), by type. */
const addedTypePolicies: Record<string, string> = {};
let outsiders: Record<string, ApiClient> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  api = await startTestApi(database, TEST_SECRET_BOX);
  const demo = api.demo.demo!;
  owner = await loginAs(api.url, "owner@demo.test");
  const operator = await loginAs(api.url, "operator@demo.test");
  const started = await operator.graphql(
    `mutation($e: ID!) { startInventorySync(input: { environmentId: $e }) { ... on StartOperationPayload { run { id } } } }`,
    {
      e: toGlobalId("ManagedEnvironment", demo.environments.Contoso!),
    },
  );
  const runId = started.body.data.startInventorySync.run.id as string;
  const run = await database.db.operationRun.findFirstOrThrow({ where: { managedEnvironmentId: demo.environments.Contoso } });
  const event = await database.db.operationRunEvent.findFirstOrThrow({ where: { runId: run.id } });
  const items = await recordObservedObjects(
    database.db,
    { workspaceId: demo.workspaceId, environmentId: demo.environments.Contoso!, runId: run.id },
    "deviceConfigurations",
    [{ providerId: "p1", displayName: "Baseline", payload: {} }],
  );
  for (const type of ADDED_COVERAGE_TYPES) {
    const scope = { workspaceId: demo.workspaceId, environmentId: demo.environments.Contoso!, runId: run.id };
    const recorded = await recordObservedObjects(database.db, scope, type, [{ providerId: `${type}-1`, displayName: type, payload: {} }]);
    addedTypePolicies[type] = toGlobalId("Policy", recorded.get(`${type}-1`)!);
  }
  const operatorUser = await database.db.user.findUniqueOrThrow({ where: { email: "operator@demo.test" } });
  const notification = await database.db.notification.create({
    data: { userId: operatorUser.id, workspaceId: demo.workspaceId, kind: "test", title: "Hello", body: "World" },
  });
  Object.assign(ids, {
    Workspace: toGlobalId("Workspace", demo.workspaceId),
    ManagedEnvironment: toGlobalId("ManagedEnvironment", demo.environments.Contoso!),
    OperationRun: runId,
    OperationRunEvent: toGlobalId("OperationRunEvent", event.id),
    Policy: toGlobalId("Policy", items.get("p1")!),
    Notification: toGlobalId("Notification", notification.id),
  });
  for (const type of Object.keys(ids)) random[type] = toGlobalId(type, type === "OperationRunEvent" ? "987654321" : randomUUID());

  // The member limited to Fabrikam is an outsider to Contoso's records too.
  outsiders = await isolationOutsiders(database.db, api);
});

afterAll(async () => {
  await api?.close();
  await database?.drop();
});

const NODE_FIELDS = `__typename id ... on Workspace { name } ... on ManagedEnvironment { name } ... on OperationRun { status } ... on OperationRunEvent { kind } ... on Policy { displayName } ... on Notification { title }`;
const TYPES = ["Workspace", "ManagedEnvironment", "OperationRun", "OperationRunEvent", "Policy", "Notification"];

const probes: IsolationProbe[] = [
  {
    name: "workspace(id)",
    query: `query($id: ID!) { workspace(id: $id) { id name } }`,
    variables: (id) => ({ id: id("Workspace") }),
    skipFor: ["limited"],
  },
  ...TYPES.map((type) => ({
    name: `node(id) of ${type}`,
    query: `query($id: ID!) { node(id: $id) { ${NODE_FIELDS} } }`,
    variables: (id: (type: string) => string) => ({ id: id(type) }),
    skipFor: type === "Workspace" ? ["limited"] : [],
  })),
  {
    name: "nodes(ids)",
    query: `query($ids: [ID!]!) { nodes(ids: $ids) { ${NODE_FIELDS} } }`,
    variables: (id) => ({ ids: TYPES.filter((type) => type !== "Workspace").map(id) }),
  },
  ...connectionProbes("operationRuns", () => ids.Workspace!),
  {
    name: "startInventorySync",
    query: `mutation($id: ID!) { startInventorySync(input: { environmentId: $id }) { __typename ... on Error { message } } }`,
    variables: (id) => ({ id: id("ManagedEnvironment") }),
  },
  {
    name: "cancelOperationRun",
    query: `mutation($id: ID!) { cancelOperationRun(input: { runId: $id }) { __typename ... on Error { message } } }`,
    variables: (id) => ({ id: id("OperationRun") }),
  },
  {
    name: "reconcileOperationRun",
    query: `mutation($id: ID!) { reconcileOperationRun(input: { runId: $id }) { __typename ... on Error { message } } }`,
    variables: (id) => ({ id: id("OperationRun") }),
  },
  {
    name: "markNotificationsRead",
    query: `mutation($id: ID!) { markNotificationsRead(input: { ids: [$id] }) { markedCount unreadCount } }`,
    variables: (id) => ({ id: id("Notification") }),
  },
];

describe("isolation: a foreign id answers exactly like a nonexistent one", () => {
  itAnswersForeignLikeAbsent(probes, () => ({ outsiders, ids, random }));

  it("node(id) of a policy of every added type (mobile apps, reusable settings, role assignments, Apple enrollment ...)", async () => {
    for (const [type, id] of Object.entries(addedTypePolicies)) {
      const query = `query($id: ID!) { node(id: $id) { ${NODE_FIELDS} } }`;
      for (const [who, client] of Object.entries(outsiders)) {
        const foreign = await client.graphql(query, { id });
        const absent = await client.graphql(query, { id: random.Policy });
        expect(withoutRequestIds(foreign), `${who}: ${type}`).toEqual(withoutRequestIds(absent));
      }
      const { body } = await owner.graphql(query, { id });
      expect(body.data.node, type).toMatchObject({ __typename: "Policy", id, displayName: type });
    }
  });

  it("leaves the foreign records untouched", async () => {
    const run = await database.db.operationRun.findFirstOrThrow({ where: { managedEnvironmentId: api.demo.demo!.environments.Contoso } });
    expect(run.status).toBe("queued");
    expect((run.context as Record<string, unknown>).reconciliation).toBeUndefined();
    expect(await database.db.operationRun.count()).toBe(1);
    expect(await database.db.notification.count({ where: { readAt: null } })).toBe(1);
  });

  it("the probes do see the records for their legitimate owner", async () => {
    const operator = await loginAs(api.url, "operator@demo.test");
    for (const type of TYPES) {
      const client = type === "Notification" ? operator : owner;
      const { body } = await client.graphql(`query($id: ID!) { node(id: $id) { __typename id } }`, { id: ids[type] });
      expect(body.data.node, type).toEqual({ __typename: type, id: ids[type] });
    }
  });

  it("subscriptions: operationRunUpdated and operationRunsChanged", async () => {
    const updated = `subscription($id: ID!) { operationRunUpdated(id: $id) { id status } }`;
    const changed = `subscription($w: ID!, $e: [ID!]) { operationRunsChanged(workspaceId: $w, environmentIds: $e) { id status } }`;
    for (const [who, client] of Object.entries(outsiders)) {
      const foreign = await client.subscribe(updated, { id: ids.OperationRun }, { count: 1, timeoutMs: 1500 });
      const absent = await client.subscribe(updated, { id: random.OperationRun }, { count: 1, timeoutMs: 1500 });
      expect(withoutRequestIds(foreign), who).toEqual(withoutRequestIds(absent));
      expect(foreign[0]?.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
      if (who === "limited") continue;
      const foreignWorkspace = await client.subscribe(changed, { w: ids.Workspace }, { count: 1, timeoutMs: 1500 });
      const absentWorkspace = await client.subscribe(changed, { w: random.Workspace }, { count: 1, timeoutMs: 1500 });
      expect(withoutRequestIds(foreignWorkspace), who).toEqual(withoutRequestIds(absentWorkspace));
      expect(foreignWorkspace[0]?.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    }
    // The limited member may watch the workspace, but never receives Contoso's run; the owner does.
    const poke = () => database.db.$executeRawUnsafe(`update operation_runs set updated_at = now()`);
    const limitedAll = await outsiders.limited!.subscribe(changed, { w: ids.Workspace }, { count: 1, timeoutMs: 1500, poke });
    const limitedContoso = await outsiders.limited!.subscribe(
      changed,
      { w: ids.Workspace, e: [ids.ManagedEnvironment] },
      { count: 1, timeoutMs: 1500, poke },
    );
    expect(limitedAll).toEqual([]);
    expect(limitedContoso).toEqual([]);
    const ownerSees = await owner.subscribe(
      changed,
      { w: ids.Workspace, e: [ids.ManagedEnvironment] },
      { count: 1, timeoutMs: 3000, poke },
    );
    expect(ownerSees).toEqual([{ data: { operationRunsChanged: { id: ids.OperationRun, status: "QUEUED" } } }]);
  });
});
