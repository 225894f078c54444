import { createApiToken, revokeApiToken } from "@atlas/core";
import { type Db, createDb } from "@atlas/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiServer } from "../../apps/api/src/index.ts";
import { ApiClient, type TestApi, capturingLogger, loginAs, startTestApi } from "../kit/api/harness.ts";
import { TEST_SECRET_BOX, type TestDatabase, createTestDatabase, eventually } from "../kit/index.ts";

// Two API instances as two processes would be: each with its own database pool, its own
// credential cache and its own LISTEN connection. A change made through one reaches the other
// only through PostgreSQL NOTIFY (the cache trusts an answer for 10 s otherwise).
let database: TestDatabase;
let first: TestApi;
let secondDb: Db;
let second: { url: string; close(): Promise<void> };
let workspaceId: string;

const VIEWER = "{ viewer { id memberships { role } } }";
const SUBSCRIBE = `subscription($w: ID!) { operationRunsChanged(workspaceId: $w) { id } }`;

beforeAll(async () => {
  database = await createTestDatabase();
  first = await startTestApi(database, TEST_SECRET_BOX);
  workspaceId = first.demo.demo!.workspaceId;
  secondDb = createDb(database.url, { max: 4 });
  const server = createApiServer({ db: secondDb, databaseUrl: database.url, logger: capturingLogger(), box: TEST_SECRET_BOX });
  second = await server.start(0);
  await server.ready();
});

afterAll(async () => {
  await second?.close();
  await secondDb?.$disconnect();
  await first?.close();
  await database?.drop();
});

/** Waits until `check` holds; returns how long it took. Bounded well below the cache's 10 s. */
async function within(timeoutMs: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  await eventually(check, { timeout: timeoutMs, interval: 25, what: "the change to reach every API process" });
  return Date.now() - started;
}

const authenticated = async (client: ApiClient) => (await client.graphql(VIEWER)).body.data?.viewer != null;

describe("credential cache with LISTEN/NOTIFY invalidation", () => {
  it("a token revoked through one instance is refused by both right away", async () => {
    const { id, token } = await createApiToken(database.db, { workspaceId, name: "partner", role: "readonly" });
    const onFirst = new ApiClient(first.url, { token });
    const onSecond = new ApiClient(second.url, { token });
    expect(await authenticated(onFirst)).toBe(true);
    expect(await authenticated(onSecond)).toBe(true); // both caches now hold the token
    expect(await revokeApiToken(database.db, workspaceId, id)).toBe(true);
    const tookMs = await within(5000, async () => !(await authenticated(onFirst)) && !(await authenticated(onSecond)));
    expect((await onSecond.graphql(VIEWER)).body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    console.log(`token revoke reached both instances after ${tookMs} ms`);
  });

  it("a session logged out on one instance is refused by the other", async () => {
    const operator = await loginAs(first.url, "operator@demo.test");
    const cookie = operator.headers().cookie!;
    const onSecond = new ApiClient(second.url, { cookie });
    expect(await authenticated(onSecond)).toBe(true);
    expect((await fetch(`${first.url}/auth/logout`, { method: "POST", headers: { cookie } })).status).toBe(200);
    await within(5000, async () => !(await authenticated(onSecond)));
  });

  it("a membership's new role is seen by the other instance", async () => {
    const operator = await loginAs(second.url, "operator@demo.test");
    expect((await operator.graphql(VIEWER)).body.data.viewer.memberships[0].role).toBe("operator");
    await database.db.$executeRaw`update memberships set role = 'readonly' where workspace_id = ${workspaceId}::uuid
      and user_id = (select id from users where email = 'operator@demo.test')`;
    await within(5000, async () => (await operator.graphql(VIEWER)).body.data.viewer.memberships[0].role === "readonly");
  });

  it("writes last_used_at once, not on every request", async () => {
    const { id, token } = await createApiToken(database.db, { workspaceId, name: "poller", role: "readonly" });
    const client = new ApiClient(first.url, { token });
    await client.graphql(VIEWER);
    const lastUsed = async () => (await database.db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt;
    await within(5000, async () => (await lastUsed()) !== null);
    const recorded = await lastUsed();
    for (let index = 0; index < 20; index++) await client.graphql(VIEWER);
    await new ApiClient(second.url, { token }).graphql(VIEWER); // knows the recent use from the row
    expect(await lastUsed()).toEqual(recorded);
  });

  it("ends an open event stream within a second of its token being revoked", async () => {
    const { id, token } = await createApiToken(database.db, { workspaceId, name: "streamer", role: "readonly" });
    const client = new ApiClient(second.url, { token });
    let revokedAt = 0;
    const ended = client.subscribe(
      SUBSCRIBE,
      { w: Buffer.from(`Workspace:${workspaceId}`).toString("base64") },
      {
        count: 1,
        timeoutMs: 20_000,
        poke: async () => {
          if (revokedAt) return;
          revokedAt = Date.now();
          await revokeApiToken(database.db, workspaceId, id);
        },
        pokeEveryMs: 300,
      },
    );
    const results = await ended;
    const tookMs = Date.now() - revokedAt;
    expect(results).toEqual([]);
    expect(tookMs).toBeLessThan(10_000); // far below the 20 s the subscription would otherwise stay open
    console.log(`event stream ended ${tookMs} ms after the revoke`);
  });

  it("refuses more than 10 open event streams per token with 429 TOO_MANY_STREAMS", async () => {
    const { token } = await createApiToken(database.db, { workspaceId, name: "many-streams", role: "readonly" });
    const abort = new AbortController();
    const open = (query: string) =>
      fetch(`${first.url}/graphql/stream`, {
        method: "POST",
        signal: abort.signal,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json", accept: "text/event-stream" },
        body: JSON.stringify({ query, variables: { w: Buffer.from(`Workspace:${workspaceId}`).toString("base64") } }),
      });
    try {
      const streams = await Promise.all(Array.from({ length: 10 }, () => open(SUBSCRIBE)));
      expect(streams.map((response) => response.status)).toEqual(Array(10).fill(200));
      const eleventh = await open(SUBSCRIBE);
      expect(eleventh.status).toBe(429);
      expect(await eleventh.json()).toMatchObject({ error: "TOO_MANY_STREAMS" });
    } finally {
      abort.abort();
    }
  });
});
