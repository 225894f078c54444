import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { type AtlasProcess, embeddedStartEnv, freePort, startAtlas } from "../kit/atlas-process.ts";
import { eventually } from "../kit/eventually.ts";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "atlas-start-"));
let atlas: AtlasProcess | undefined;

afterAll(async () => {
  await atlas?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

it("`atlas start` brings up the embedded database, demo data, simulator, API, SPA and worker on one port", async () => {
  const [port, simPort] = [await freePort(), await freePort()];
  atlas = startAtlas(["start"], embeddedStartEnv({ port, simPort }, dataDir));
  // The banner's last line: its first can arrive in an earlier chunk of the pipe than the rest.
  await atlas.waitForOutput("Graph simulator:", 90_000);
  expect(atlas.output()).toContain("TenantAtlas is running at");
  const output = atlas.output();
  expect(output).toContain("operator@demo.test / demo-password");
  const base = `http://127.0.0.1:${port}`;
  expect((await fetch(`${base}/healthz`)).status).toBe(200);
  expect((await fetch(`${base}/readyz`)).status).toBe(200);
  const spa = await fetch(`${base}/operations`);
  expect(spa.status).toBe(200);
  expect(await spa.text()).toContain('<div id="root">');
  const login = await fetch(`${base}/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "operator@demo.test", password: "demo-password" }),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers.get("set-cookie")?.split(";")[0] ?? "";
  const viewer = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ query: "{ viewer { displayName memberships { workspace { slug } } } }" }),
  });
  const body = (await viewer.json()) as { data: { viewer: { memberships: { workspace: { slug: string } }[] } } };
  expect(body.data.viewer.memberships.map((membership) => membership.workspace.slug)).toEqual(["demo"]);
  // The worker process is up: a sync started through the API completes.
  const environments = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ query: "{ viewer { memberships { workspace { environments { edges { node { id name } } } } } } }" }),
  });
  const northwind = (
    (await environments.json()) as {
      data: { viewer: { memberships: { workspace: { environments: { edges: { node: { id: string; name: string } }[] } } }[] } };
    }
  ).data.viewer.memberships[0]!.workspace.environments.edges.find((edge) => edge.node.name === "Northwind")!.node.id;
  const started = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({
      query: `mutation($id: ID!) { startInventorySync(input: { environmentId: $id }) { ... on StartOperationPayload { run { id } } } }`,
      variables: { id: northwind },
    }),
  });
  const runId = ((await started.json()) as { data: { startInventorySync: { run: { id: string } } } }).data.startInventorySync.run.id;
  const status = await eventually(
    async () => {
      const read = await fetch(`${base}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie },
        body: JSON.stringify({
          query: "query($id: ID!) { node(id: $id) { ... on OperationRun { status outcome } } }",
          variables: { id: runId },
        }),
      });
      const current = ((await read.json()) as { data: { node: { status: string } } }).data.node.status;
      if (current !== "COMPLETED") throw new Error(`the sync is still ${current}`);
      return current;
    },
    { timeout: 90_000, interval: 300 },
  );
  expect(status).toBe("COMPLETED");
}, 240_000);
