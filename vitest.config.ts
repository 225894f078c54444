import { defineConfig } from "vitest/config";

// `pnpm vitest run <paths>` from the root: every package's unit project (no database) and the
// integration project in test/ (which alone starts PostgreSQL). `pnpm test` runs each project
// through Turborepo instead, so only what a change affects runs again.
export default defineConfig({
  test: {
    projects: ["apps/*/vitest.config.ts", "packages/*/vitest.config.ts", "test/vitest.config.ts"],
    maxWorkers: 2,
  },
});
