export { createTestDatabase, type TestDatabase } from "./database.ts";
export { seed, TEST_SECRET_BOX } from "./seed.ts";
export * from "./sync-fixture.ts";
export { eventually, type EventuallyOptions } from "./eventually.ts";
export * from "./review-fixture.ts";
