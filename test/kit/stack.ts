import { type RunningStack, startStack } from "@atlas/cli/stack";
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
