import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { actorFromApiToken } from "@atlas/core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type TestDatabase, createTestDatabase } from "../kit/index.ts";

const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

// Each test starts the CLI two or three times (tsx compiles it each time): over a minute with the
// machine's load average at 20, so each test may take three.
const CLI_TEST_TIMEOUT = 180_000;

const atlas = (...args: string[]) =>
  run(process.execPath, ["--import", "tsx", "apps/cli/src/main.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: t.url, ATLAS_SECRET_KEY: Buffer.alloc(32, 3).toString("base64") },
  });

it(
  "seeds the demo idempotently and prints a working API token alone on the last line",
  async () => {
    await atlas("seed", "demo");
    await atlas("seed", "demo");
    expect(await t.db.workspace.count()).toBe(2);
    expect(await t.db.managedEnvironment.count()).toBe(4);
    expect(await t.db.user.count()).toBe(4);
    const { stdout } = await atlas("token", "create", "--workspace", "demo", "--role", "operator");
    const token = stdout.trim().split("\n").at(-1)!;
    expect(token).toMatch(/^atl_[A-Za-z0-9_-]{40,}$/);
    const actor = await actorFromApiToken(t.db, token);
    expect(actor?.kind === "token" && actor.grants[0].role).toBe("operator");
    const stored = await t.db.apiToken.findFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(token);
  },
  CLI_TEST_TIMEOUT,
);

it(
  "lists tokens without revealing them and revokes one, after which it no longer authenticates",
  async () => {
    const { stdout } = await atlas("token", "create", "--workspace", "demo", "--role", "readonly", "--name", "to-revoke");
    const token = stdout.trim().split("\n").at(-1)!;
    expect(await actorFromApiToken(t.db, token)).toBeDefined();
    const listed = (await atlas("token", "list", "--workspace", "demo")).stdout;
    expect(listed).toContain("to-revoke");
    expect(listed).not.toContain(token);
    const id = (await t.db.apiToken.findFirstOrThrow({ where: { name: "to-revoke" } })).id;
    await atlas("token", "revoke", "--workspace", "demo", "--id", id);
    expect(await actorFromApiToken(t.db, token)).toBeUndefined();
    expect((await atlas("token", "list", "--workspace", "demo")).stdout).toMatch(/to-revoke .*revoked/);
  },
  CLI_TEST_TIMEOUT,
);

it(
  "answers bad input with a message that says what to do, and exit code 2",
  async () => {
    const failure = await atlas("token", "create", "--workspace", "missing", "--role", "operator").catch((error) => error);
    expect(failure.code).toBe(2);
    expect(failure.stderr).toContain('No workspace with slug "missing"');
  },
  CLI_TEST_TIMEOUT,
);
