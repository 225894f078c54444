import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { eventually } from "../kit/eventually.ts";
import { TEST_SECRET_KEY_BASE64, type TestDatabase, createTestDatabase } from "../kit/index.ts";

/** A process that starts a worker the way `atlas start` and the tests do, prints its pid, and idles. */
function parentScript(databaseUrl: string): string {
  return [
    'import { spawnWorker } from "@atlas/cli/processes";',
    `const child = spawnWorker(${JSON.stringify(databaseUrl)}, { workerEnv: { ATLAS_SECRET_KEY: "${TEST_SECRET_KEY_BASE64}" } });`,
    "console.log('worker pid ' + child.pid);",
    "setInterval(() => {}, 1000);",
  ].join("\n");
}

let t: TestDatabase;
let parent: ChildProcess | undefined;
let workerPid: number | undefined;

/** Running, not exited (an exited child of a dead parent may linger as a zombie until it is reaped). */
function alive(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0] !== "Z";
  } catch {
    return false;
  }
}

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  parent?.kill("SIGKILL");
  if (workerPid && alive(workerPid)) process.kill(workerPid, "SIGKILL");
  await t?.drop();
});

it("a worker stops by itself when the process that started it is killed", async () => {
  parent = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", parentScript(t.url)], {
    cwd: fileURLToPath(new URL("..", import.meta.url)),
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  parent.stdout?.on("data", (chunk) => {
    output += String(chunk);
  });
  const pid = await eventually(() => Number(output.match(/worker pid (\d+)/)?.[1]) || undefined, { timeout: 60_000 });
  workerPid = pid;
  // The worker's own log line (its stdout is the parent's): it is running jobs now.
  await eventually(() => output.includes('"worker started"'), { timeout: 60_000 });
  expect(alive(pid)).toBe(true);
  parent.kill("SIGKILL");
  await eventually(() => !alive(pid), { timeout: 30_000, what: `worker ${pid} to exit` });
});
