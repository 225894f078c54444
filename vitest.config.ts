import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // Pothos and Apollo load graphql's CJS build; Vite would otherwise pick the .mjs and create a
    // second graphql realm ("Cannot use GraphQLSchema from another module or realm").
    alias: { graphql: require.resolve("graphql/index.js", { paths: [new URL("./apps/api", import.meta.url).pathname] }) },
  },
  test: {
    globalSetup: ["./test/kit/global-setup.ts"],
    include: ["apps/*/src/**/*.test.ts", "packages/*/src/**/*.test.ts", "test/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    maxWorkers: 2,
  },
});
