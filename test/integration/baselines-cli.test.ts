import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openIntuneBaselineDir } from "../kit/baseline-fixture.ts";
import { type TestDatabase, createTestDatabase } from "../kit/index.ts";

/** `pnpm atlas baseline import` as an operator runs it, against a real database. */
const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
let t: TestDatabase;
let scratch: string;
/** Each command is a fresh Node process that compiles the CLI with tsx: seconds each on a busy machine. */
const CLI_TIMEOUT_MS = 240_000;

const atlas = (...args: string[]) =>
  run(process.execPath, ["--import", "tsx", "apps/cli/src/main.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: t.url, ATLAS_SECRET_KEY: Buffer.alloc(32, 3).toString("base64") },
  });

beforeAll(async () => {
  t = await createTestDatabase();
  scratch = mkdtempSync(path.join(tmpdir(), "atlas-baseline-cli-"));
  await atlas("seed", "demo");
}, CLI_TIMEOUT_MS);
afterAll(async () => {
  rmSync(scratch, { recursive: true, force: true });
  await t.drop();
});

it(
  "imports every file below a folder and prints what it recognized and what not, with reasons",
  async () => {
    const { stdout } = await atlas("baseline", "import", "--workspace", "demo", "--name", "OpenIntuneBaseline", openIntuneBaselineDir());
    console.log(stdout);
    expect(stdout).toMatch(/imported into demo: 72 files/);
    // Every file is a type the product backs up, the driver update profiles included.
    expect(stdout).toMatch(/Recognized 72: /);
    expect(stdout).toMatch(/windowsDriverUpdateProfiles 3/);
    expect(stdout).toMatch(/Not recognized 0\./);
    const baseline = await t.db.baseline.findFirstOrThrow({ where: { name: "OpenIntuneBaseline" }, include: { versions: true } });
    expect(baseline.versions).toEqual([expect.objectContaining({ number: 1, itemCount: 72, origin: "import" })]);
  },
  CLI_TIMEOUT_MS,
);

it(
  "answers bad input with a message that says what is wrong, exit code 2, and imports nothing",
  async () => {
    const failures = await Promise.all([
      atlas("baseline", "import", "--workspace", "demo", "--name", "X").catch((error) => error),
      atlas("baseline", "import", "--workspace", "missing", "--name", "X", openIntuneBaselineDir()).catch((error) => error),
      atlas("baseline", "import", "--workspace", "demo", "--name", "X", path.join(scratch, "nowhere")).catch((error) => error),
      atlas("baseline", "import", "--workspace", "demo", "--name", "OpenIntuneBaseline", openIntuneBaselineDir()).catch((error) => error),
    ]);
    expect(failures.map((failure) => failure.code)).toEqual([2, 2, 2, 2]);
    expect(failures[0].stderr).toContain("baseline import needs --workspace SLUG --name NAME and one FOLDER");
    expect(failures[1].stderr).toContain('No workspace with slug "missing"');
    expect(failures[2].stderr).toContain("No folder");
    expect(failures[3].stderr).toContain('A baseline named "OpenIntuneBaseline" exists');

    writeFileSync(path.join(scratch, "notes.json"), "this is not json");
    const garbage = await atlas("baseline", "import", "--workspace", "demo", "--name", "Garbage", scratch).catch((error) => error);
    expect(garbage.code).toBe(2);
    expect(garbage.stderr).toContain("notes.json: The file is not JSON");
    expect(await t.db.baseline.count()).toBe(1);
  },
  CLI_TIMEOUT_MS,
);
