import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

// For `vitest` run inside apps/api (the root config covers `pnpm test`): Pothos and Apollo load
// graphql's CJS build, so Vite must not hand the .mjs one to our code (two graphql realms).
export default defineConfig({
  resolve: { alias: { graphql: require.resolve("graphql/index.js") } },
  test: { include: ["src/**/*.test.ts"] },
});
