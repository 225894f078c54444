import { type UserWorkspaceConfig, defineProject, mergeConfig } from "vitest/config";

/**
 * Generous limits: they only stop a hung test. The two cores of a CI machine are often shared, and
 * tests that prove speed print figures from benchmark scripts instead of asserting on time.
 */
export const TEST_TIMEOUTS = { testTimeout: 60_000, hookTimeout: 120_000 } as const;

/** A package's unit tests (src/**\/*.test.ts) as the Vitest project `unit:<name>`: no database. */
export function unitProject(name: string, overrides: UserWorkspaceConfig = {}): UserWorkspaceConfig {
  return mergeConfig(defineProject({ test: { name: `unit:${name}`, include: ["src/**/*.test.ts"], ...TEST_TIMEOUTS } }), overrides);
}
