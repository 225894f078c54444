/**
 * Requests per second of `{ viewer { id } }` with an API token against TenantAtlas, next to a bare
 * Apollo Server 5 `{ hello }`, on this machine in the same run (20 connections).
 *   pnpm bench:api        (BENCH_ROUNDS=3, BENCH_DURATION_S=5 per target and round)
 * Each server runs in its own process; the load comes from autocannon in this one. Both servers
 * stay up and are measured in alternating rounds, so a change in the machine's load (it is shared)
 * falls on both: the ratio printed is the median of the rounds' ratios.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { once } from "node:events";
import { SecretBox, createApiToken, seedDemo } from "@atlas/core";
import { createDb, databaseUrl, migrateDatabase, resolveDatabaseServer } from "@atlas/db";
import { DEMO_TENANTS } from "@atlas/graph-sim";
import autocannon from "autocannon";
import pg from "pg";

const CONNECTIONS = 20;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

async function startServer(kind: "bare" | "atlas", env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ["--import", "tsx", new URL("./api-bench-server.ts", import.meta.url).pathname, kind], {
    // Both servers as `atlas start` runs the API: in production mode (graphql-js drops its
    // development checks, which it decides when it is loaded).
    env: { ...process.env, NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const [line] = (await Promise.race([
    once(child.stdout, "data"),
    once(child, "exit").then(() => {
      throw new Error(`${kind} server exited`);
    }),
  ])) as [Buffer];
  return { url: line.toString().trim().split("\n")[0]!, pid: child.pid!, stop: () => child.kill("SIGTERM") };
}

/**
 * CPU time (user + system) a process has used so far, in microseconds, from Linux's /proc; NaN
 * elsewhere. Per request it shows what each server spends, whatever else runs on the machine.
 */
function cpuMicros(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}
const CLOCK_TICKS_PER_SECOND = 100;

interface Target {
  label: string;
  pid: number;
  options: { url: string; method: "POST"; body: string; headers: Record<string, string> };
}

function target(label: string, server: { url: string; pid: number }, body: string, headers: Record<string, string> = {}): Target {
  const { url, pid } = server;
  return {
    label,
    pid,
    options: { url: `${url}/graphql`, method: "POST", body, headers: { "content-type": "application/json", ...headers } },
  };
}

/** Warm-up: the first request opens the database pool (seconds on a busy machine), then JIT and caches. */
async function warm({ options }: Target) {
  for (let index = 0; index < 20; index++) await fetch(options.url, options);
  await autocannon({ ...options, connections: CONNECTIONS, duration: 3 });
}

async function measure({ label, pid, options }: Target): Promise<{ rate: number; cpuPerRequest: number }> {
  const cpuBefore = cpuMicros(pid);
  const result = await autocannon({ ...options, connections: CONNECTIONS, duration: DURATION_S });
  const cpuPerRequest = (cpuMicros(pid) - cpuBefore) / result.requests.total;
  const failed = result.non2xx + result.errors + result.timeouts;
  console.log(
    `  ${label.padEnd(44)} ${result.requests.average.toFixed(0).padStart(6)} req/s  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  ${cpuPerRequest.toFixed(0).padStart(4)} µs CPU/request  failed ${failed}`,
  );
  return { rate: result.requests.average, cpuPerRequest };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

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
  console.log(
    `${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${DURATION_S} s per target, after 20 sequential requests and a 3 s warm-up; servers in NODE_ENV=production`,
  );
  const bare = await startServer("bare", {});
  running.push(bare);
  const atlas = await startServer("atlas", { DATABASE_URL: url });
  running.push(atlas);
  const hello = target("bare Apollo Server 5 { hello }", bare, JSON.stringify({ query: "{ hello }" }));
  const viewer = target("TenantAtlas { viewer { id } } with a token", atlas, JSON.stringify({ query: "{ viewer { id } }" }), {
    authorization: `Bearer ${token}`,
  });
  const anonymous = target("TenantAtlas { __typename } anonymous", atlas, JSON.stringify({ query: "{ __typename }" }));
  for (const each of [hello, viewer, anonymous]) await warm(each);
  const ratios: number[] = [];
  const cpuRatios: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    console.log(`round ${round}`);
    const bareRound = await measure(hello);
    const viewerRound = await measure(viewer);
    await measure(anonymous);
    ratios.push(viewerRound.rate / bareRound.rate);
    cpuRatios.push(bareRound.cpuPerRequest / viewerRound.cpuPerRequest);
  }
  const listed = (values: number[]) => values.map((ratio) => ratio.toFixed(2)).join(", ");
  console.log(`viewer with a token / bare hello: ${median(ratios).toFixed(2)}x median of rounds (${listed(ratios)}; goal: at least 0.8x)`);
  // The load generator shares this machine's two cores with the server it measures, so requests
  // per second also move with whatever else runs; CPU per request does much less.
  console.log(`bare hello CPU per request / viewer's: ${median(cpuRatios).toFixed(2)}x median of rounds (${listed(cpuRatios)})`);
} finally {
  for (const child of running) child.stop();
  await db.$disconnect();
  await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.end();
}
