import { defineProject } from "vitest/config";
import { graphqlRealmAlias } from "../apps/api/vitest.config.ts";
import { TEST_TIMEOUTS } from "../vitest.shared.ts";

// Integration, reliability and browser tests: one PostgreSQL for the run (global-setup.ts), a
// database per test file, real worker processes, the simulator and Chromium.
export default defineProject({
  resolve: { alias: graphqlRealmAlias },
  test: {
    name: "integration",
    globalSetup: ["./kit/global-setup.ts"],
    include: ["integration/**/*.test.ts", "reliability/**/*.test.ts", "e2e/**/*.test.ts"],
    ...TEST_TIMEOUTS,
    pool: "forks",
    maxWorkers: 2,
    // A fork runs its test files one after another on one module graph instead of importing the
    // API, Prisma and the worker again for each file (half the suite's time went to that). Files
    // share no state through it: each has its own database, servers and processes.
    isolate: false,
  },
});
