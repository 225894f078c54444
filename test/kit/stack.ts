import { type RunningStack, startStack } from "@atlas/cli/stack";
import pg from "pg";
import { createTestDatabase } from "./database.ts";
import { TEST_SECRET_KEY_BASE64 } from "./sync-fixture.ts";
import { TEST_SECRET_BOX } from "./seed.ts";

export interface TestStack extends RunningStack {
  close(): Promise<void>;
}

/**
 * The whole product for browser tests: a fresh database, the simulator (time-scaled), demo data,
 * the API serving the built SPA, and a real worker process. Requires `apps/web/dist` (pnpm test
 * builds it first).
 */
export async function startTestStack(options: { timeScale?: number } = {}): Promise<TestStack> {
  const database = await createTestDatabase();
  const stack = await startStack({
    port: 0,
    simPort: 0,
    timeScale: options.timeScale ?? 0.05,
    databaseUrl: database.url,
    box: TEST_SECRET_BOX,
    quiet: true,
    workerEnv: { ATLAS_SECRET_KEY: TEST_SECRET_KEY_BASE64, ATLAS_HEARTBEAT_MS: "500" },
  });
  return {
    ...stack,
    async close() {
      await stack.close();
      await database.drop();
    },
  };
}

async function withClient<T>(databaseUrl: string, body: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await body(client);
  } finally {
    await client.end();
  }
}

/**
 * Stores another client secret for an environment of the running stack, as if its secret had been
 * rotated in the tenant and not here: the tenant then refuses it. Returns how to put the original back.
 */
export async function replaceClientSecret(
  stack: Pick<RunningStack, "databaseUrl">,
  environment: string,
  secret: string,
): Promise<() => Promise<void>> {
  const update = "update managed_environments set client_secret_encrypted = $2 where name = $1";
  const original = await withClient(stack.databaseUrl, async (client) => {
    const { rows } = await client.query<{ secret: string }>(
      "select client_secret_encrypted as secret from managed_environments where name = $1",
      [environment],
    );
    if (!rows[0]) throw new Error(`No environment named ${environment}`);
    await client.query(update, [environment, TEST_SECRET_BOX.encrypt(secret)]);
    return rows[0].secret;
  });
  return () => withClient(stack.databaseUrl, async (client) => void (await client.query(update, [environment, original])));
}

/**
 * The stack's operation runs and pending jobs in one line each, newest last: for the message of a
 * browser wait that timed out, so it says which run was still queued, running or stopped.
 */
export async function describeRuns(stack: Pick<RunningStack, "databaseUrl">): Promise<string> {
  return withClient(stack.databaseUrl, async (client) => {
    const runs = await client.query<Record<string, unknown>>(
      `select id, type, status, outcome, failure_reason_code, progress, created_at, started_at, completed_at, updated_at
         from operation_runs order by created_at`,
    );
    const jobs = await client.query<Record<string, unknown>>(
      "select task_identifier, attempts, run_at, locked_at, locked_by, last_error from graphile_worker.jobs order by id",
    );
    const restores = await client.query<Record<string, unknown>>(
      "select status, preview_operation_run_id, checks::text as checks, updated_at from restore_runs order by created_at",
    );
    return [
      ...runs.rows.map((row) => `run ${JSON.stringify(row)}`),
      ...restores.rows.map((row) => `restore ${JSON.stringify(row)}`),
      ...jobs.rows.map((row) => `job ${JSON.stringify(row)}`),
    ].join("\n");
  });
}
