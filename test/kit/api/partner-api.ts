import { createApiToken } from "@atlas/core";
import { afterAll, beforeAll } from "vitest";
import { type TestDatabase, createTestDatabase } from "../database.ts";
import { TEST_SECRET_BOX } from "../seed.ts";
import { ApiClient, type TestApi, startTestApi } from "./harness.ts";

export interface PartnerApi {
  database: TestDatabase;
  api: TestApi;
  /** A client with a readonly API token of the demo workspace, as partner tooling holds one. */
  partner: ApiClient;
}

/**
 * A test file's own database with the demo data, the API on it and a readonly partner token, set
 * up before its tests and torn down after them. Read the fields inside tests (they are set once
 * the file's `beforeAll` ran).
 */
export function usePartnerApi(): PartnerApi {
  const state = {} as PartnerApi;
  beforeAll(async () => {
    state.database = await createTestDatabase();
    state.api = await startTestApi(state.database, TEST_SECRET_BOX);
    const { token } = await createApiToken(state.database.db, {
      workspaceId: state.api.demo.demo!.workspaceId,
      name: "partner",
      role: "readonly",
    });
    state.partner = new ApiClient(state.api.url, { token });
  });
  afterAll(async () => {
    await state.api?.close();
    await state.database?.drop();
  });
  return state;
}
