import { defineConfig } from "vitest/config";

// Unit tests cover pure logic only (list merging, result interpretation, document validation),
// so they run in node without a DOM.
export default defineConfig({
  test: {
    environment: "node",
    include: ["src/**/*.test.ts"],
  },
});
