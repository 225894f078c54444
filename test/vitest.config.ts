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
  },
});
