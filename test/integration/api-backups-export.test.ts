import { signDownloadPath } from "@atlas/core";
import { DEMO_TENANTS, type GraphSim, startGraphSim } from "@atlas/graph-sim";
import { type RunningWorker, startWorker } from "@atlas/worker";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type ApiClient, type TestApi, loginAs, startTestApi } from "../kit/api/harness.ts";
import { rawIdOf, toGlobalId } from "@atlas/api";
import { TEST_SECRET_BOX, type TestDatabase, createTestDatabase, waitForCompletion } from "../kit/index.ts";

/**
 * Export downloads of a backup set captured through the real path: signed links that work without a
 * session, refuse expired or tampered ones, and never reach a log.
 */
let database: TestDatabase;
let sim: GraphSim;
let worker: RunningWorker;
let api: TestApi;
let readonly: ApiClient;
let setId: string;
/** Everything written to the console while the suite runs (a second net next to the API's logger). */
const consoleLines: string[] = [];

beforeAll(async () => {
  for (const level of ["log", "info", "warn", "error"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void consoleLines.push(args.map(String).join(" ")));
  }
  database = await createTestDatabase();
  sim = await startGraphSim({ port: 0, timeScale: 0.05 });
  api = await startTestApi(database, TEST_SECRET_BOX, { graph: { baseUrl: sim.url, tenants: DEMO_TENANTS } });
  worker = await startWorker({
    connectionString: database.url,
    box: TEST_SECRET_BOX,
    heartbeatMs: 500,
    graph: { timeScale: 0.05 },
    log: () => {},
  });
  readonly = await loginAs(api.url, "readonly@demo.test");
  const operator = await loginAs(api.url, "operator@demo.test");
  const { body } = await operator.graphql(
    `mutation($e: ID!, $n: String) { startBackup(input: { environmentId: $e, name: $n }) { ... on StartOperationPayload { run { id } } } }`,
    { e: toGlobalId("ManagedEnvironment", api.demo.demo!.environments.Northwind!), n: 'Northwind "weekly" / API' },
  );
  const run = await waitForCompletion(database.db, rawIdOf(body.data.startBackup.run.id, "OperationRun")!, 90_000);
  setId = toGlobalId("BackupSet", (run.context as { backupSetId: string }).backupSetId);
});

afterAll(async () => {
  await worker?.stop();
  await api?.close();
  await sim?.close();
  await database?.drop();
  vi.restoreAllMocks();
});

describe("export download", () => {
  const issued: string[] = [];
  async function exportUrl(format: "MARKDOWN" | "HTML"): Promise<string> {
    const { body } = await readonly.graphql(
      `query($id: ID!, $f: ExportFormat!) { node(id: $id) { ... on BackupSet { exportUrl(format: $f) } } }`,
      {
        id: setId,
        f: format,
      },
    );
    issued.push(body.data.node.exportUrl);
    return body.data.node.exportUrl;
  }

  it("downloads the Markdown export without a session, listing every item", async () => {
    const url = await exportUrl("MARKDOWN");
    expect(url).toMatch(/^\/exports\/backup-sets\/[0-9a-f-]{36}\.md\?expires=\d+&sig=[\w-]+$/);
    const response = await fetch(`${api.url}${url}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="Northwind \\"weekly\\" - API.md"');
    expect(response.headers.get("cache-control")).toBe("no-store");
    const markdown = await response.text();
    const items = await database.db.backupItem.findMany({ where: { backupSetId: rawIdOf(setId, "BackupSet") } });
    expect(items.length).toBeGreaterThan(0);
    expect(markdown.match(/^### /gm)).toHaveLength(items.length);
    for (const item of items) expect(markdown).toContain(`### ${item.displayName}\n`);
  });

  it("downloads the HTML export as an attachment that cannot run scripts", async () => {
    const response = await fetch(`${api.url}${await exportUrl("HTML")}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename=".*\.html"$/);
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(await response.text()).toContain("<table>");
  });

  it("answers 403 to an expired, tampered or reused link, asking for a new one", async () => {
    const url = await exportUrl("MARKDOWN");
    const path = url.split("?")[0]!;
    const expired = signDownloadPath(TEST_SECRET_BOX, path, Date.now() - 10 * 60_000);
    const tampered = url.replace(/sig=(.)/, (_match, first: string) => `sig=${first === "A" ? "B" : "A"}`);
    const otherSet = url.replace(/[0-9a-f-]{36}/, "00000000-0000-4000-8000-000000000000");
    const cases: Array<[string, string]> = [
      [expired, "LINK_EXPIRED"],
      [tampered, "LINK_INVALID"],
      [otherSet, "LINK_INVALID"],
      [url.replace(".md?", ".html?"), "LINK_INVALID"],
      [path, "LINK_INVALID"],
    ];
    for (const [link, code] of cases) {
      const response = await fetch(`${api.url}${link}`);
      expect(response.status, link).toBe(403);
      const body = (await response.json()) as { error: string; message: string };
      expect(body.error).toBe(code);
      expect(body.message).toMatch(/Request a new link/);
    }
  });

  it("never logs a link's signature (API log and console)", () => {
    expect(issued.length).toBeGreaterThanOrEqual(3);
    const logged = JSON.stringify(api.logger.lines) + consoleLines.join("\n");
    expect(api.logger.lines.some((line) => line.message === "backup set export request" && line.meta?.status === 200)).toBe(true);
    for (const url of issued) expect(logged).not.toContain(new URL(url, "http://x").searchParams.get("sig")!);
    expect(logged).not.toMatch(/sig=/);
  });
});
