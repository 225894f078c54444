import { randomBytes } from "node:crypto";
import { type Db, createDb, databaseUrl } from "@atlas/db";
import pg from "pg";
import { inject } from "vitest";

export interface TestDatabase {
  url: string;
  db: Db;
  drop(): Promise<void>;
}

async function admin<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl(serverUrl, "postgres") });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh database cloned from the migrated template: isolated, parallel-safe, fast. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = inject("dbServerUrl");
  const template = inject("templateDatabase");
  const name = `atlas_t_${randomBytes(6).toString("hex")}`;
  await admin(serverUrl, async (client) => {
    // CREATE DATABASE ... TEMPLATE fails while another session is connected to the template.
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`create database "${name}" template "${template}"`);
        return;
      } catch (error) {
        if (attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
      }
    }
  });
  const url = databaseUrl(serverUrl, name);
  const db = createDb(url, { max: 5 });
  return {
    url,
    db,
    async drop() {
      await db.$disconnect();
      await admin(serverUrl, (client) => client.query(`drop database if exists "${name}" with (force)`));
    },
  };
}
