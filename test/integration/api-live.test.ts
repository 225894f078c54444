import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, type TestApi, loginAs, startTestApi } from "../kit/api/harness.ts";
import { toGlobalId } from "@atlas/api";
import { TEST_SECRET_BOX, type TestDatabase, createTestDatabase } from "../kit/index.ts";

let database: TestDatabase;
let api: TestApi;
let operator: ApiClient;
let workspaceId: string;
let env: Record<string, string>;

const START = `mutation($e: ID!) { startInventorySync(input: { environmentId: $e }) { ... on StartOperationPayload { run { id } } } }`;
const UPDATED = `subscription($id: ID!) { operationRunUpdated(id: $id) { id status outcome progress } }`;
const CHANGED = `subscription($w: ID!, $e: [ID!]) { operationRunsChanged(workspaceId: $w, environmentIds: $e) { id status environment { name } } }`;

async function startRun(environment: string): Promise<string> {
  const { body } = await operator.graphql(START, { e: env[environment] });
  return body.data.startInventorySync.run.id;
}

function rawId(globalId: string): string {
  return Buffer.from(globalId, "base64").toString("utf8").split(":")[1]!;
}

beforeAll(async () => {
  database = await createTestDatabase();
  api = await startTestApi(database, TEST_SECRET_BOX);
  workspaceId = toGlobalId("Workspace", api.demo.demo!.workspaceId);
  env = Object.fromEntries(Object.entries(api.demo.demo!.environments).map(([name, id]) => [name, toGlobalId("ManagedEnvironment", id)]));
  operator = await loginAs(api.url, "operator@demo.test");
});

afterAll(async () => {
  await api?.close();
  await database?.drop();
});

describe("live run updates (LISTEN operation_run_changed)", () => {
  it("operationRunUpdated sends the current state, then the change a worker-side write makes", async () => {
    const id = await startRun("Contoso");
    let cancelled = false;
    const results = await operator.subscribe(
      UPDATED,
      { id },
      {
        count: 2,
        timeoutMs: 60_000,
        // Written once the initial state arrived, so the subscription is surely listening.
        onResult: async () => {
          if (cancelled) return;
          cancelled = true;
          // Any process may write the run: here plain SQL, as a worker in another process would.
          await database.db.$executeRawUnsafe(
            `update operation_runs set status = 'completed', outcome = 'cancelled', completed_at = now() where id = $1::uuid`,
            rawId(id),
          );
        },
      },
    );
    expect(results.map((result) => result.data?.operationRunUpdated)).toEqual([
      { id, status: "QUEUED", outcome: "PENDING", progress: null },
      { id, status: "COMPLETED", outcome: "CANCELLED", progress: null },
    ]);
  });

  it("operationRunsChanged sends runs started in the watched environments only", async () => {
    let started = false;
    const results = await operator.subscribe(
      CHANGED,
      { w: workspaceId, e: [env.Northwind] },
      {
        count: 1,
        timeoutMs: 60_000,
        poke: async () => {
          if (started) return;
          started = true;
          // Notifications reach the stream in commit order and are resolved one after the other, so
          // a Fabrikam run that leaked through would arrive before Northwind's: no pause needed.
          await startRun("Fabrikam"); // not watched
          await startRun("Northwind");
        },
      },
    );
    expect(results).toHaveLength(1);
    expect(results[0]!.data?.operationRunsChanged).toMatchObject({ status: "QUEUED", environment: { name: "Northwind" } });
  });

  it("coalesces a burst of changes into a few emits and always delivers the latest state", async () => {
    const id = await startRun("Contoso");
    // Thirty committed changes 40 ms apart, paced by the server (one simple-protocol query, a
    // transaction each): without coalescing each would reach the client as its own emit.
    const burst = Array.from(
      { length: 30 },
      (_, index) =>
        `begin; update operation_runs set progress = ${(index + 1) / 30} where id = '${rawId(id)}'; commit; select pg_sleep(0.04);`,
    ).join("\n");
    let burstMs = 0;
    const writer = new pg.Client({ connectionString: database.url });
    await writer.connect();
    try {
      let sent = false;
      let marked = false;
      const results = await operator.subscribe(
        UPDATED,
        { id },
        {
          count: 100,
          timeoutMs: 60_000,
          // The burst goes out once the initial state arrived. When the latest state (progress 1) is
          // in, one more change (the run completes) marks the end: every emit of the burst was sent
          // before it, so the count below is complete without waiting on a clock.
          onResult: async (result) => {
            if (!sent) {
              sent = true;
              const started = performance.now();
              await writer.query(burst);
              burstMs = performance.now() - started;
            } else if (!marked && result.data?.operationRunUpdated.progress === 1) {
              marked = true;
              await writer.query(
                `update operation_runs set status = 'completed', outcome = 'cancelled', completed_at = now() where id = $1`,
                [rawId(id)],
              );
            }
          },
          until: (result) => result.data?.operationRunUpdated.status === "COMPLETED",
        },
      );
      const progress = results.map((result) => result.data?.operationRunUpdated.progress);
      expect(progress[0]).toBeNull(); // the initial state
      expect(progress).toContain(1);
      // At most one emit per 250 ms per run while the burst lasts, plus the initial state, the
      // trailing latest state and the completion. The bound follows the burst's measured length,
      // so a slow machine widens it instead of failing; without coalescing it would be ~32 emits.
      expect(results.length).toBeLessThanOrEqual(3 + Math.ceil(burstMs / 250) + 1);
    } finally {
      await writer.end();
    }
  });

  it("reconnects after losing its LISTEN connection and replays what changed meanwhile", async () => {
    const id = await startRun("Northwind");
    let step = 0;
    const results = await operator.subscribe(
      UPDATED,
      { id },
      {
        count: 2,
        timeoutMs: 60_000,
        poke: async () => {
          step += 1;
          if (step !== 1) return;
          await database.db.$executeRawUnsafe(
            `select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query ilike 'LISTEN%' and pid <> pg_backend_pid()`,
          );
          await database.db.$executeRawUnsafe(
            `update operation_runs set progress = 0.5, updated_at = now() where id = $1::uuid`,
            rawId(id),
          );
        },
      },
    );
    expect(results).toHaveLength(2);
    expect(results[1]!.data?.operationRunUpdated.progress).toBe(0.5);
    expect(api.logger.lines.some((line) => line.message.includes("LISTEN connection lost"))).toBe(true);
  });
});

describe("the stream endpoint", () => {
  it("answers UNAUTHENTICATED without credentials", async () => {
    const results = await api.anonymous.subscribe(UPDATED, { id: toGlobalId("OperationRun", crypto.randomUUID()) }, { count: 1 });
    expect(results[0]?.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("refuses mutations (they belong on POST /graphql) without executing them", async () => {
    const before = await database.db.operationRun.count();
    const results = await operator.subscribe(
      `mutation($e: ID!) { startInventorySync(input: { environmentId: $e }) { __typename } }`,
      { e: env.Tailspin },
      { count: 1 },
    );
    expect(results[0]?.errors?.[0]?.message).toBe("Send mutations to POST /graphql.");
    expect(await database.db.operationRun.count()).toBe(before);
  });

  it("applies the depth limit and reports validation errors with their code", async () => {
    const deep = await operator.subscribe(
      `subscription($id: ID!) { operationRunUpdated(id: $id) { workspace { environments { edges { node { workspace { environments { edges { node { workspace { id } } } } } } } } } } }`,
      { id: toGlobalId("OperationRun", crypto.randomUUID()) },
      { count: 1 },
    );
    expect(deep[0]?.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_DEEP");
    const invalid = await operator.subscribe(`subscription { operationRunUpdated(id: "x") { nope } }`, {}, { count: 1 });
    expect(invalid[0]?.errors?.[0]).toMatchObject({
      message: expect.stringContaining("nope"),
      extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
    });
  });
});
