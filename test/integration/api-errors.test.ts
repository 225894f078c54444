import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, type TestApi, loginAs, startTestApi } from "../kit/api/harness.ts";
import { toGlobalId } from "@atlas/api";
import { TEST_SECRET_BOX, type TestDatabase, createTestDatabase } from "../kit/index.ts";

let database: TestDatabase;
let api: TestApi;
let owner: ApiClient;

beforeAll(async () => {
  database = await createTestDatabase();
  api = await startTestApi(database, TEST_SECRET_BOX);
  owner = await loginAs(api.url, "owner@demo.test");
});

afterAll(async () => {
  await api?.close();
  await database?.drop();
});

describe("unexpected errors are masked", () => {
  it("answers INTERNAL_SERVER_ERROR with a request id, no stack, no SQL, and logs the original", async () => {
    await database.db.$executeRawUnsafe("alter table notifications rename to notifications_hidden");
    let response: Awaited<ReturnType<ApiClient["graphql"]>>;
    try {
      response = await owner.graphql(`{ viewer { displayName } unreadNotificationCount }`);
    } finally {
      await database.db.$executeRawUnsafe("alter table notifications_hidden rename to notifications");
    }
    const { status, body } = response;
    expect(status).toBe(200);
    expect(body.data).toBeNull(); // unreadNotificationCount is non-null, so the error nulls the whole result
    expect(body.errors).toHaveLength(1);
    const [error] = body.errors!;
    expect(error!.message).toBe("Internal server error");
    expect(error!.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
    expect(error!.extensions?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const text = JSON.stringify(body);
    expect(text).not.toMatch(/notifications|relation|stack|prisma|select/i);

    const logged = api.logger.lines.find((line) => line.level === "error" && line.meta?.requestId === error!.extensions?.requestId);
    expect(logged).toBeDefined();
    expect(String((logged!.meta!.error as Error).message)).toMatch(/notifications/);
  });

  it("reports expected errors of queries with a code and their safe message", async () => {
    const { body } = await owner.graphql(`query($w: ID!) { operationRuns(workspaceId: $w) { totalCount } }`, {
      w: toGlobalId("Workspace", crypto.randomUUID()),
    });
    expect(body.errors?.[0]).toMatchObject({ message: "Workspace not found.", extensions: { code: "NOT_FOUND" } });
    const cursor = await owner.graphql(`query($w: ID!) { operationRuns(workspaceId: $w, after: "nonsense") { totalCount } }`, {
      w: toGlobalId("Workspace", api.demo.demo!.workspaceId),
    });
    expect(cursor.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});

describe("query limits", () => {
  it("rejects a query deeper than 10 levels", async () => {
    const deep = `{ viewer { memberships { workspace { environments { edges { node { workspace { environments { edges { node { id } } } } } } } } } } }`;
    const { status, body } = await owner.graphql(deep);
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toMatch(/nested 11 levels deep; the maximum depth is 10/);
    expect(body.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_DEEP");
  });

  it("allows introspection (GraphiQL) although its type tree is deep", async () => {
    const { body } = await owner.graphql(
      `{ __schema { types { name fields { name type { kind ofType { kind ofType { kind ofType { kind ofType { name } } } } } } } } }`,
    );
    expect(body.errors).toBeUndefined();
  });

  it("rejects a query whose connections multiply past the complexity limit, also with page sizes in variables", async () => {
    const query = `query($w: ID!, $n: Int) { operationRuns(workspaceId: $w, first: $n) { edges { node { id events(first: 100) { edges { node { id kind } } } } } } }`;
    const w = toGlobalId("Workspace", api.demo.demo!.workspaceId);
    const heavy = await owner.graphql(query, { w, n: 100 });
    expect(heavy.status).toBe(400);
    expect(heavy.body.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_COMPLEX");
    expect(heavy.body.errors?.[0]?.message).toMatch(/too complex: its cost is \d+, the maximum is 5000/);
    const light = await owner.graphql(query, { w, n: 5 });
    expect(light.body.errors).toBeUndefined();
  });

  it("caps first at 100", async () => {
    const { body } = await owner.graphql(
      `query($id: ID!) { workspace(id: $id) { environments(first: 1000) { totalCount edges { cursor } } } }`,
      {
        id: toGlobalId("Workspace", api.demo.demo!.workspaceId),
      },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.workspace.environments.edges).toHaveLength(3);
  });
});
