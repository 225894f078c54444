import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { SYSTEM_ACTOR, importBaseline } from "@atlas/core";
import { createDb } from "@atlas/db";
import { UsageError, asUsageError, withDatabase } from "./commands.ts";

/** The .json files below a folder, named by their path inside it (as an import lists them). */
function jsonFilesIn(folder: string): Array<{ name: string; bytes: Uint8Array }> {
  const root = resolve(folder);
  let isFolder = false;
  try {
    isFolder = statSync(root).isDirectory();
  } catch {
    throw new UsageError(`No folder "${folder}".`);
  }
  if (!isFolder) throw new UsageError(`"${folder}" is not a folder; give the folder that holds the exported .json files.`);
  const files: Array<{ name: string; bytes: Uint8Array }> = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && entry.name.toLowerCase().endsWith(".json")) {
        files.push({ name: relative(root, full), bytes: new Uint8Array(readFileSync(full)) });
      }
    }
  };
  walk(root);
  if (files.length === 0) throw new UsageError(`"${folder}" holds no .json files.`);
  return files;
}

/**
 * `baseline import --workspace SLUG --name NAME FOLDER`: every .json file below the folder, as the
 * API's importBaseline takes them. Files that are not recognized are listed with the reason.
 */
export async function baselineImportCommand(args: { workspace?: string; name?: string }, folders: string[]) {
  if (!args.workspace || !args.name || folders.length !== 1) {
    throw new UsageError("baseline import needs --workspace SLUG --name NAME and one FOLDER of exported .json files.");
  }
  const files = jsonFilesIn(folders[0]!);
  await withDatabase(async (url) => {
    const db = createDb(url);
    try {
      const workspace = await db.workspace.findUnique({ where: { slug: args.workspace } });
      if (!workspace) throw new UsageError(`No workspace with slug "${args.workspace}".`);
      const baseline = await importBaseline(db, SYSTEM_ACTOR, { workspaceId: workspace.id, name: args.name as string, files });
      const version = await db.baselineVersion.findFirstOrThrow({ where: { baselineId: baseline.id }, include: { items: true } });
      const notRecognized = (version.originDetails as { notRecognized?: Array<{ fileName: string; message: string }> }).notRecognized ?? [];
      const byType = new Map<string, number>();
      for (const item of version.items) byType.set(item.objectType, (byType.get(item.objectType) ?? 0) + 1);
      console.log(`Baseline "${baseline.name}" (${baseline.id}) imported into ${args.workspace}: ${files.length} files.`);
      console.log(`Recognized ${version.items.length}: ${[...byType].map(([type, count]) => `${type} ${count}`).join(", ")}`);
      console.log(`Not recognized ${notRecognized.length}${notRecognized.length ? ":" : "."}`);
      for (const file of notRecognized) console.log(`  ${file.fileName}: ${file.message}`);
    } catch (error) {
      throw asUsageError(error);
    } finally {
      await db.$disconnect();
    }
  });
}
