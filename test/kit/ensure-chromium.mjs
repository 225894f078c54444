#!/usr/bin/env node
// First step of `pnpm test`: the browser tests drive Debian's Chromium. When it is missing, root
// installs it with apt-get; anyone else gets one line saying which command to run.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const chromium = process.env.ATLAS_CHROMIUM ?? "/usr/bin/chromium";
const INSTALL = "apt-get install -y chromium";

if (existsSync(chromium)) process.exit(0);

if (process.getuid?.() !== 0) {
  console.error(
    `Chromium (${chromium}) is missing for the browser tests: run \`sudo apt-get update && sudo ${INSTALL}\`, then \`pnpm test\` again.`,
  );
  process.exit(1);
}

console.log(`Chromium is missing: installing Debian's chromium (${INSTALL})`);
const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
for (const args of [
  ["update", "-qq"],
  ["install", "-y", "-qq", "chromium"],
]) {
  const result = spawnSync("apt-get", args, { stdio: "inherit", env });
  if (result.status !== 0) {
    console.error(`\`apt-get ${args.join(" ")}\` failed: install Chromium with \`${INSTALL}\`, then run \`pnpm test\` again.`);
    process.exit(1);
  }
}
if (!existsSync(chromium)) {
  console.error(`apt-get installed chromium but ${chromium} does not exist: set it up, then run \`pnpm test\` again.`);
  process.exit(1);
}
