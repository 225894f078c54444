import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { allContracts, withCoverageTable } from "@atlas/graph-client";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SOURCE_DIRS = ["apps", "packages", "test"];
const SKIPPED_DIRS = new Set(["node_modules", "dist", "generated"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : sourceFiles(full);
    // Tests are not configuration: they set variables for the processes they start.
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Every environment variable name the code reads, with the files that read it. */
function environmentReads(): { names: Map<string, string[]>; dynamic: string[] } {
  const names = new Map<string, string[]>();
  const dynamic: string[] = [];
  for (const file of SOURCE_DIRS.flatMap((dir) => sourceFiles(path.join(ROOT, dir)))) {
    const relative = path.relative(ROOT, file);
    const source = readFileSync(file, "utf8");
    for (const match of source.matchAll(/(?:process\.env|import\.meta\.env)(?:\.([A-Z][A-Z0-9_]*)|\[\s*["']([A-Z][A-Z0-9_]*)["']\s*\])/g)) {
      const name = (match[1] ?? match[2])!;
      names.set(name, [...(names.get(name) ?? []), relative]);
    }
    // A name computed at run time would hide the variable from this test (and from the reader).
    if (/process\.env\[(?!\s*["'])/.test(source)) dynamic.push(relative);
  }
  return { names, dynamic };
}

function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`${heading}\n`);
  expect(start, `${heading} is missing`).toBeGreaterThanOrEqual(0);
  const next = markdown.indexOf("\n## ", start + heading.length);
  return markdown.slice(start, next === -1 ? undefined : next);
}

describe("README configuration table", () => {
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  const documented = new Set(
    section(readme, "## Configuration")
      .split("\n")
      .filter((line) => line.startsWith("| `"))
      .flatMap((line) => [...line.split("|")[1]!.matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((match) => match[1]!)),
  );
  const { names, dynamic } = environmentReads();

  it("lists every environment variable the code reads", () => {
    const missing = [...names].filter(([name]) => !documented.has(name)).map(([name, files]) => `${name} (${files.join(", ")})`);
    expect(missing).toEqual([]);
    expect(dynamic, "read environment variables by their literal name").toEqual([]);
  });

  it("lists no variable the code no longer reads", () => {
    expect([...documented].filter((name) => !names.has(name))).toEqual([]);
  });
});

it("docs/ARCHITECTURE.md names every packages/core folder", () => {
  const architecture = readFileSync(path.join(ROOT, "docs/ARCHITECTURE.md"), "utf8");
  // The layout block's entry for packages/core: its first line and the indented lines under it.
  const entry = architecture.match(/^packages\/core .*(?:\n {2,}.*)*/m)?.[0] ?? "";
  const folders = readdirSync(path.join(ROOT, "packages/core/src"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  expect(folders.length).toBeGreaterThan(0);
  expect(folders.filter((folder) => !new RegExp(`\\b${folder}\\b`).test(entry))).toEqual([]);
});

it("README's coverage table is the contract registry's (pnpm docs:coverage rewrites it)", () => {
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  expect(readme, "run `pnpm docs:coverage` and commit README.md").toBe(withCoverageTable(readme));
  for (const contract of allContracts) {
    if (contract.restoreSupport === "previewOnly") expect(contract.previewOnlyReason, contract.key).toBeTruthy();
  }
});
