import { defineConfig } from "vitest/config";
import { graphqlRealmAlias } from "../../apps/api/vitest.config.ts";

// Not part of the suite: `pnpm bench:screens` takes the console's screenshots and measures time to
// first content on Operations, against the same stack and fixtures as the browser tests.
export default defineConfig({
  resolve: { alias: graphqlRealmAlias },
  test: {
    root: "test",
    globalSetup: ["./kit/global-setup.ts"],
    include: ["bench/console-screens.shots.ts"],
    testTimeout: 600_000,
    hookTimeout: 300_000,
    pool: "forks",
  },
});
