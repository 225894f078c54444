import { execFile } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

// The first step of `pnpm test` on a machine without Chromium. It runs from a copy in a folder
// any user can read, so it can also run as an unprivileged user.
const run = promisify(execFile);
const dir = mkdtempSync(path.join(os.tmpdir(), "atlas-chromium-"));
chmodSync(dir, 0o755);
const script = path.join(dir, "ensure-chromium.mjs");
copyFileSync(path.resolve(import.meta.dirname, "../kit/ensure-chromium.mjs"), script);
const missing = path.join(dir, "chromium");

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function ensure(env: Record<string, string>, asNobody = false) {
  const [file, args] = asNobody ? ["runuser", ["-u", "nobody", "--", process.execPath, script]] : [process.execPath, [script]];
  try {
    const { stdout, stderr } = await run(file, args, { env: { ...process.env, ATLAS_CHROMIUM: missing, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const isRoot = process.getuid?.() === 0;

describe("ensure-chromium (pnpm test on a fresh machine)", () => {
  it("passes at once when Chromium is there", async () => {
    writeFileSync(path.join(dir, "present"), "");
    expect((await ensure({ ATLAS_CHROMIUM: path.join(dir, "present") })).code).toBe(0);
  });

  it("stops a user who is not root with one line naming the command", async () => {
    const result = await ensure({}, isRoot);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain("apt-get install -y chromium");
  });

  it.runIf(isRoot)("installs Debian's chromium with apt-get when root", async () => {
    // apt-get is replaced on PATH by a recorder that "installs" by creating the file.
    const bin = path.join(dir, "bin");
    const log = path.join(dir, "apt.log");
    mkdirSync(bin, { recursive: true });
    writeFileSync(path.join(bin, "apt-get"), `#!/bin/sh\necho "$@" >> ${log}\n[ "$1" = install ] && touch ${missing}\nexit 0\n`);
    chmodSync(path.join(bin, "apt-get"), 0o755);
    const result = await ensure({ PATH: `${bin}:${process.env.PATH}` });
    expect(result.code).toBe(0);
    expect(readFileSync(log, "utf8").trim().split("\n")).toEqual(["update -qq", "install -y -qq chromium"]);
    expect(existsSync(missing)).toBe(true);
  });
});
