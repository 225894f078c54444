import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { decodeFile } from "@atlas/core";

/**
 * The OpenIntuneBaseline sample (real Intune exports, GPL-3.0): read where it lies, never copied
 * into the repository. OIB_FIXTURE_DIR overrides; otherwise the shared folder next to the checkout.
 */
export function openIntuneBaselineDir(): string {
  const candidates = [
    process.env.OIB_FIXTURE_DIR,
    resolve(import.meta.dirname, "../../../shared/fixtures/openintunebaseline"),
    resolve(import.meta.dirname, "../../../../shared/fixtures/openintunebaseline"),
  ].filter((candidate): candidate is string => Boolean(candidate));
  const found = candidates.find((candidate) => existsSync(join(candidate, "README.md")));
  if (!found) throw new Error(`OpenIntuneBaseline sample not found (tried ${candidates.join(", ")}); set OIB_FIXTURE_DIR.`);
  return found;
}

export interface FixtureFile {
  /** Path below the sample's root, e.g. WINDOWS/IntuneManagement/SettingsCatalog/Win - ....json */
  path: string;
  /** The folder the exporting tool put it in (SettingsCatalog, CompliancePolicies, NativeImport ...). */
  folder: string;
  bytes: Uint8Array;
}

/** Every .json file of a folder, recursively, in path order. */
export function jsonFilesBelow(root: string): FixtureFile[] {
  const files: FixtureFile[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith(".json")) {
        const path = relative(root, full);
        files.push({ path, folder: path.split("/").at(-2) ?? "", bytes: new Uint8Array(readFileSync(full)) });
      }
    }
  };
  walk(root);
  return files;
}

/** The file's JSON, decoded the way an import decodes it (for comparing what was stored). */
export function fixtureJson(file: FixtureFile): Record<string, unknown> {
  const decoded = decodeFile(file.bytes);
  if (!decoded.ok) throw new Error(`${file.path}: ${decoded.reason}`);
  return JSON.parse(decoded.text) as Record<string, unknown>;
}
