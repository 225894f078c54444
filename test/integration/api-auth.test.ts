import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createApiToken } from "@atlas/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiServer } from "@atlas/api";
import { ApiClient, type TestApi, loginAs, startTestApi } from "../kit/api/harness.ts";
import { TEST_SECRET_BOX, type TestDatabase, createTestDatabase } from "../kit/index.ts";

let database: TestDatabase;
let api: TestApi;

beforeAll(async () => {
  database = await createTestDatabase();
  api = await startTestApi(database, TEST_SECRET_BOX);
});

afterAll(async () => {
  await api?.close();
  await database?.drop();
});

const VIEWER = `{ viewer { id displayName isSupport kind memberships { role capabilities workspace { id slug name } } } }`;

describe("authentication", () => {
  it("logs in with a session cookie that is httpOnly and SameSite=Lax", async () => {
    const response = await fetch(`${api.url}/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "operator@demo.test", password: "demo-password" }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^atlas_session=ses_/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//i);
  });

  it("refuses wrong credentials with 401 INVALID_CREDENTIALS and sets no cookie", async () => {
    for (const body of [
      { email: "operator@demo.test", password: "wrong-password" },
      { email: "nobody@demo.test", password: "demo-password" },
    ]) {
      const response = await fetch(`${api.url}/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: "INVALID_CREDENTIALS", message: expect.any(String) });
      expect(response.headers.get("set-cookie")).toBeNull();
    }
    const malformed = await fetch(`${api.url}/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    expect(malformed.status).toBe(400);
  });

  it("answers viewer for the signed-in user with memberships and capabilities", async () => {
    const operator = await loginAs(api.url, "operator@demo.test");
    const { status, body } = await operator.graphql(VIEWER);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.viewer).toMatchObject({ displayName: "Oscar Operator", isSupport: false, kind: "user" });
    expect(body.data.viewer.memberships).toHaveLength(1);
    const [membership] = body.data.viewer.memberships;
    expect(membership.role).toBe("operator");
    expect(membership.capabilities).toContain("inventory.sync");
    expect(membership.capabilities).not.toContain("restore.execute");
    expect(membership.workspace).toMatchObject({ slug: "demo", name: "Demo MSP" });
  });

  it("answers UNAUTHENTICATED (HTTP 200) without credentials, with a bad token and after logout", async () => {
    const operator = await loginAs(api.url, "operator@demo.test");
    const logout = await fetch(`${api.url}/auth/logout`, {
      method: "POST",
      headers: operator.headers({ "content-type": "application/json" }),
    });
    expect(logout.status).toBe(200);
    expect(logout.headers.get("set-cookie")).toMatch(/atlas_session=;/);
    for (const client of [api.anonymous, new ApiClient(api.url, { token: "atl_not-a-real-token" }), operator]) {
      for (const query of [
        VIEWER,
        `{ workspace(id: "x") { id } }`,
        `mutation { startInventorySync(input: { environmentId: "x" }) { __typename } }`,
      ]) {
        const { status, body } = await client.graphql(query);
        expect(status).toBe(200);
        expect(Object.values(body.data ?? {}).every((value) => value === null)).toBe(true);
        expect(body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
      }
    }
  });

  it("accepts an API token as Authorization: Bearer", async () => {
    const { token } = await createApiToken(database.db, { workspaceId: api.demo.demo!.workspaceId, name: "partner", role: "readonly" });
    const partner = new ApiClient(api.url, { token });
    const { body } = await partner.graphql(VIEWER);
    expect(body.errors).toBeUndefined();
    expect(body.data.viewer).toMatchObject({ kind: "token", displayName: "API token partner" });
    expect(body.data.viewer.memberships[0]).toMatchObject({ role: "readonly", workspace: { slug: "demo" } });
  });

  it("blocks GET queries without a preflight header (CSRF prevention)", async () => {
    const response = await fetch(`${api.url}/graphql?query=${encodeURIComponent("{ __typename }")}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/i);
  });
});

describe("health", () => {
  it("answers /healthz and /readyz (database reachable and migrated, a worker heartbeat is fresh)", async () => {
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
    await database.db.$executeRaw`insert into worker_heartbeats (worker_id, hostname, pid) values ('worker-test', 'test', 1)`;
    try {
      const ready = await fetch(`${api.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ ok: true, database: "up", workers: { live: 1 } });
    } finally {
      await database.db.$executeRaw`delete from worker_heartbeats`;
    }
  });

  it("answers 503 on /readyz with the reason while no worker heartbeat is fresh", async () => {
    await database.db
      .$executeRaw`insert into worker_heartbeats (worker_id, hostname, pid, beat_at) values ('worker-gone', 'test', 1, now() - interval '1 hour')`;
    try {
      const ready = await fetch(`${api.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ ok: false, reason: "worker_heartbeat_missing", database: "up", workers: { live: 0 } });
    } finally {
      await database.db.$executeRaw`delete from worker_heartbeats`;
    }
  });

  it("answers 503 on /readyz when the database is not migrated", async () => {
    await database.db.$executeRawUnsafe("alter table graphile_migrate.migrations rename to migrations_hidden");
    try {
      const ready = await fetch(`${api.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ ok: false, reason: "database_unavailable" });
    } finally {
      await database.db.$executeRawUnsafe("alter table graphile_migrate.migrations_hidden rename to migrations");
    }
  });
});

describe("static SPA", () => {
  it("serves webDistDir with index.html for client routes, but not for API paths", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "atlas-web-"));
    writeFileSync(path.join(dir, "index.html"), "<!doctype html><title>atlas</title>");
    writeFileSync(path.join(dir, "app.js"), "console.log('hi')");
    const server = createApiServer({
      db: database.db,
      databaseUrl: database.url,
      webDistDir: dir,
      logger: api.logger,
      box: TEST_SECRET_BOX,
    });
    const running = await server.start(0);
    try {
      expect(await (await fetch(`${running.url}/app.js`)).text()).toContain("console.log");
      const route = await fetch(`${running.url}/runs/123`);
      expect(route.status).toBe(200);
      expect(await route.text()).toContain("<title>atlas</title>");
      expect((await fetch(`${running.url}/assets/missing.js`)).status).toBe(404);
      expect((await fetch(`${running.url}/auth/nothing`)).status).toBe(404);
      expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
    } finally {
      await running.close();
    }
  });
});
