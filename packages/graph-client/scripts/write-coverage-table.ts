// Rewrites the README's coverage table from the contract registry: `pnpm docs:coverage`.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { withCoverageTable } from "../src/coverage-table.ts";

const readmePath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../README.md");
writeFileSync(readmePath, withCoverageTable(readFileSync(readmePath, "utf8")));
console.log(`coverage table written to ${readmePath}`);
