import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { MIGRATIONS_FOLDER, databaseUrl, migrateDatabase, resolveDatabaseServer } from "@atlas/db";
import { runMigrations } from "graphile-worker";
import pg from "pg";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    dbServerUrl: string;
    templateDatabase: string;
  }
}

/** The template's name changes with the migrations, so a stale template is never reused. */
function templateName(): string {
  const folder = path.join(MIGRATIONS_FOLDER, "committed");
  const hash = createHash("sha1");
  for (const file of readdirSync(folder).sort()) hash.update(readFileSync(path.join(folder, file)));
  return `atlas_template_${hash.digest("hex").slice(0, 12)}`;
}

/**
 * Starts (or uses, with DATABASE_URL) one PostgreSQL for the whole test run and builds a migrated
 * template database once; every test file then clones it (see database.ts).
 */
export default async function setup(project: TestProject) {
  // A data dir of this run's own: a concurrent run must never reuse (and then stop) our cluster.
  const ownDataDir = process.env.ATLAS_DATA_DIR ? undefined : mkdtempSync(path.join(os.tmpdir(), "atlas-test-"));
  if (ownDataDir) process.env.ATLAS_DATA_DIR = ownDataDir;
  const server = await resolveDatabaseServer();
  const template = templateName();
  const admin = new pg.Client({ connectionString: databaseUrl(server.url, "postgres") });
  await admin.connect();
  try {
    // Several test runs may share one server: build the template under a lock.
    await admin.query("select pg_advisory_lock(727274)");
    const exists = await admin.query("select 1 from pg_database where datname = $1", [template]);
    if (exists.rowCount === 0) {
      const building = `${template}_building`;
      await admin.query(`drop database if exists "${building}"`);
      await admin.query(`create database "${building}"`);
      const url = databaseUrl(server.url, building);
      await migrateDatabase(url);
      await runMigrations({ connectionString: url, logger: undefined });
      await admin.query(`alter database "${building}" rename to "${template}"`);
    }
    await admin.query("select pg_advisory_unlock(727274)");
  } finally {
    await admin.end();
  }
  project.provide("dbServerUrl", server.url);
  project.provide("templateDatabase", template);
  return async () => {
    await server.stop();
    if (ownDataDir) rmSync(ownDataDir, { recursive: true, force: true });
  };
}
