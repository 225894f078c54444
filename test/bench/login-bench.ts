/**
 * Wrong passwords accepted (checked, answered 401) per minute from one client after the fifth:
 * one client sends a wrong password for one account every 250 ms for 60 s.
 *   pnpm bench:login
 */
import { createApiServer } from "@atlas/api";
import { SecretBox, seedDemo } from "@atlas/core";
import { createDb, databaseUrl, migrateDatabase, resolveDatabaseServer } from "@atlas/db";
import { DEMO_TENANTS } from "@atlas/graph-sim";
import pg from "pg";

const DURATION_MS = 60_000;
const server = await resolveDatabaseServer();
const name = `atlas_bench_login_${Date.now()}`;
const admin = new pg.Client({ connectionString: databaseUrl(server.url, "postgres") });
await admin.connect();
await admin.query(`create database "${name}"`);
const url = databaseUrl(server.url, name);
const db = createDb(url);
try {
  await migrateDatabase(url);
  const box = SecretBox.fromKey(Buffer.alloc(32, 1).toString("base64"));
  await seedDemo(db, box, { graphBaseUrl: "http://127.0.0.1:9", tenants: DEMO_TENANTS });
  const api = createApiServer({ db, databaseUrl: url, box, logger: { info: () => {}, warn: () => {}, error: console.error } });
  const running = await api.start(0);
  const counts = { accepted: 0, throttled: 0, other: 0 };
  const started = Date.now();
  let attempts = 0;
  while (Date.now() - started < DURATION_MS) {
    const response = await fetch(`${running.url}/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "operator@demo.test", password: `wrong-${attempts}` }),
    });
    attempts += 1;
    if (attempts > 5) {
      if (response.status === 401) counts.accepted += 1;
      else if (response.status === 429) counts.throttled += 1;
      else counts.other += 1;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await running.close();
  const minutes = (Date.now() - started) / 60_000;
  console.log(
    `${attempts} attempts in ${minutes.toFixed(2)} min from one client; after the fifth: ${counts.accepted} checked (401), ${counts.throttled} refused with 429`,
  );
  console.log(`wrong passwords accepted per minute from one client after the fifth: ${(counts.accepted / minutes).toFixed(1)}`);
} finally {
  await db.$disconnect();
  await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.end();
}
