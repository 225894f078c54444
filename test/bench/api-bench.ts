/**
 * Requests per second of `{ viewer { id } }` with an API token against TenantAtlas, next to a bare
 * Apollo Server 5 `{ hello }`, on this machine in the same run (20 connections, 10 s each).
 *   pnpm bench:api
 * Each server runs in its own process; the load comes from autocannon in this one.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { SecretBox, createApiToken, seedDemo } from "@atlas/core";
import { createDb, databaseUrl, migrateDatabase, resolveDatabaseServer } from "@atlas/db";
import { DEMO_TENANTS } from "@atlas/graph-sim";
import autocannon from "autocannon";
import pg from "pg";

const CONNECTIONS = 20;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);

async function startServer(kind: "bare" | "atlas", env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ["--import", "tsx", new URL("./api-bench-server.ts", import.meta.url).pathname, kind], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const [line] = (await Promise.race([
    once(child.stdout, "data"),
    once(child, "exit").then(() => {
      throw new Error(`${kind} server exited`);
    }),
  ])) as [Buffer];
  return { url: line.toString().trim().split("\n")[0]!, stop: () => child.kill("SIGTERM") };
}

async function measure(label: string, url: string, body: string, headers: Record<string, string>) {
  const options = { url: `${url}/graphql`, method: "POST" as const, body, headers: { "content-type": "application/json", ...headers } };
  // Warm-up: the first request opens the database pool (seconds on a busy machine), then JIT and caches.
  for (let index = 0; index < 20; index++) await fetch(options.url, options);
  await autocannon({ ...options, connections: CONNECTIONS, duration: 3 });
  const result = await autocannon({ ...options, connections: CONNECTIONS, duration: DURATION_S });
  const failed = result.non2xx + result.errors + result.timeouts;
  console.log(
    `${label.padEnd(44)} ${result.requests.average.toFixed(0).padStart(6)} req/s  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  failed ${failed}`,
  );
  return result.requests.average;
}

const server = await resolveDatabaseServer();
const name = `atlas_bench_api_${Date.now()}`;
const admin = new pg.Client({ connectionString: databaseUrl(server.url, "postgres") });
await admin.connect();
await admin.query(`create database "${name}"`);
const url = databaseUrl(server.url, name);
const db = createDb(url);
const running: Array<{ stop(): void }> = [];
try {
  await migrateDatabase(url);
  const box = SecretBox.fromKey(Buffer.alloc(32, 1).toString("base64"));
  const demo = await seedDemo(db, box, { graphBaseUrl: "http://127.0.0.1:9", tenants: DEMO_TENANTS });
  const { token } = await createApiToken(db, { workspaceId: demo.demo!.workspaceId, name: "bench", role: "readonly" });
  console.log(`${CONNECTIONS} connections, ${DURATION_S} s per target, after 20 sequential requests and a 3 s warm-up`);
  const bare = await startServer("bare", {});
  running.push(bare);
  const bareRate = await measure("bare Apollo Server 5 { hello }", bare.url, JSON.stringify({ query: "{ hello }" }), {});
  bare.stop();
  const atlas = await startServer("atlas", { DATABASE_URL: url });
  running.push(atlas);
  const viewerRate = await measure(
    "TenantAtlas { viewer { id } } with a token",
    atlas.url,
    JSON.stringify({ query: "{ viewer { id } }" }),
    {
      authorization: `Bearer ${token}`,
    },
  );
  await measure("TenantAtlas { __typename } anonymous", atlas.url, JSON.stringify({ query: "{ __typename }" }), {});
  atlas.stop();
  console.log(`viewer with a token / bare hello: ${(viewerRate / bareRate).toFixed(2)}x (goal: at least 0.8x)`);
} finally {
  for (const child of running) child.stop();
  await db.$disconnect();
  await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.end();
}
