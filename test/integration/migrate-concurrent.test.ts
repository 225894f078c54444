import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import { MIGRATIONS_FOLDER, databaseUrl, migrateDatabase } from "@atlas/db";
import pg from "pg";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { eventually } from "../kit/index.ts";

/**
 * An API, a worker and a CLI command started together each migrate the database first. graphile-migrate
 * alone refuses a second migrator ("Failed to get exclusive lock"), which made one of four CLI
 * commands started at once exit 1 instead of answering its own question.
 */
const serverUrl = inject("dbServerUrl");
const name = `atlas_m_${randomBytes(6).toString("hex")}`;
const admin = async (sql: string, values: unknown[] = []) => {
  const client = new pg.Client({ connectionString: databaseUrl(serverUrl, "postgres") });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows;
  } finally {
    await client.end();
  }
};
beforeAll(() => admin(`create database "${name}"`));
afterAll(async () => {
  // graphile-migrate keeps its pool a moment after a migration and exits the process if a forced
  // drop cuts it: wait until it has let go of the database.
  await eventually(async () => (await admin("select 1 from pg_stat_activity where datname = $1", [name])).length === 0);
  await admin(`drop database if exists "${name}" with (force)`);
});

it("lets four processes migrate an empty database at once: each waits its turn and none fails", async () => {
  const url = databaseUrl(serverUrl, name);
  const results = await Promise.allSettled([1, 2, 3, 4].map(() => migrateDatabase(url)));
  expect(results.map((result) => (result.status === "rejected" ? String(result.reason) : "ok"))).toEqual(["ok", "ok", "ok", "ok"]);

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query("select count(*)::int as applied from graphile_migrate.migrations");
    const committed = readdirSync(path.join(MIGRATIONS_FOLDER, "committed")).filter((file) => file.endsWith(".sql"));
    expect(rows[0].applied).toBe(committed.length);
  } finally {
    await client.end();
  }
});
