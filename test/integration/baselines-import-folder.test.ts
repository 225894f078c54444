import { toGlobalId } from "@atlas/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, type TestApi, loginAs, startTestApi } from "../kit/api/harness.ts";
import { jsonFilesBelow, openIntuneBaselineDir } from "../kit/baseline-fixture.ts";
import { TEST_SECRET_BOX, type TestDatabase, createTestDatabase } from "../kit/index.ts";

/** The SPA sends a dropped folder as one importBaseline request: the whole sample must fit, a larger body is refused. */
let database: TestDatabase;
let api: TestApi;
let operator: ApiClient;
let workspaceId: string;

const IMPORT = `mutation($input: ImportBaselineInput!) {
  importBaseline(input: $input) { __typename ... on BaselinePayload { baseline { latestVersion { itemCount notRecognizedFiles { fileName } } } } }
}`;

beforeAll(async () => {
  database = await createTestDatabase();
  api = await startTestApi(database, TEST_SECRET_BOX);
  operator = await loginAs(api.url, "operator@demo.test");
  workspaceId = toGlobalId("Workspace", api.demo.demo!.workspaceId);
});

afterAll(async () => {
  await api?.close();
  await database?.drop();
});

describe("a baseline import of a whole folder over GraphQL", () => {
  it("takes every file of the OpenIntuneBaseline sample in one request", async () => {
    const files = jsonFilesBelow(openIntuneBaselineDir()).map((file) => ({
      name: file.path,
      contentBase64: Buffer.from(file.bytes).toString("base64"),
    }));
    const size = JSON.stringify(files).length;
    console.log(`OpenIntuneBaseline sample: ${files.length} files, ${(size / 1024 / 1024).toFixed(1)} MB as base64`);
    expect(size).toBeGreaterThan(1024 * 1024);
    const { status, body } = await operator.graphql(IMPORT, { input: { workspaceId, name: "OpenIntuneBaseline", files } });
    expect(status).toBe(200);
    expect(body.data.importBaseline.__typename, JSON.stringify(body)).toBe("BaselinePayload");
    const version = body.data.importBaseline.baseline.latestVersion;
    expect(version.itemCount + version.notRecognizedFiles.length).toBe(files.length);
  });

  it("refuses a body past the limit with HTTP 413, importing nothing", async () => {
    const huge = "A".repeat(17 * 1024 * 1024);
    const { status } = await fetch(`${api.url}/graphql`, {
      method: "POST",
      headers: operator.headers({ "content-type": "application/json" }),
      body: JSON.stringify({
        query: IMPORT,
        variables: { input: { workspaceId, name: "Too big", files: [{ name: "a.json", contentBase64: huge }] } },
      }),
    });
    expect(status).toBe(413);
    expect(await database.db.baseline.count({ where: { name: "Too big" } })).toBe(0);
  });
});
