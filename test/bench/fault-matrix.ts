/**
 * The fault matrix as one table:
 *   pnpm bench:faults     (DATABASE_URL optional: without it the tests start an embedded PostgreSQL)
 * Runs the reliability suite's fault-matrix files (test/reliability/fault-matrix-*.test.ts) in the
 * integration project; each file appends its rows to FAULT_MATRIX_OUT, and this script prints them
 * combined, with the suite's wall time. Exits non-zero when a test failed.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type MatrixRow, formatMatrix } from "../kit/matrix-table.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const dir = mkdtempSync(path.join(os.tmpdir(), "atlas-fault-matrix-"));
const out = path.join(dir, "rows.jsonl");
const started = Date.now();
const result = spawnSync("pnpm", ["vitest", "run", "--project", "integration", "test/reliability/fault-matrix-"], {
  cwd: root,
  stdio: ["ignore", "inherit", "inherit"],
  env: { ...process.env, FAULT_MATRIX_OUT: out },
});
const seconds = ((Date.now() - started) / 1000).toFixed(0);
let rows: (MatrixRow & { group: string })[] = [];
try {
  rows = readFileSync(out, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line));
} catch {
  // No file: no test recorded a row.
}
rmSync(dir, { recursive: true, force: true });
const order = ["capture", "writes", "lifecycle", "database"];
rows.sort((a, b) => order.indexOf(a.group) - order.indexOf(b.group));
const falseSuccesses = rows.filter((row) => row.outcome === "succeeded" && row.objectsEqual === false).length;
console.log(`\nFault matrix (${rows.length} rows, ${falseSuccesses} false SUCCEEDED, suite wall time ${seconds} s)\n${formatMatrix(rows)}`);
process.exit(result.status ?? 1);
