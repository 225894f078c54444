import { existsSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { createApiServer } from "@atlas/api";
import { SecretBox, seedDemo } from "@atlas/core";
import { type Db, createDb, dataDir } from "@atlas/db";
import { DEMO_TENANTS, type GraphSim, startGraphSim } from "@atlas/graph-sim";
import { webDistDirectory } from "@atlas/web";
import { type AppDatabase, openAppDatabase } from "./database.ts";
import { type WorkerProcessOptions, superviseWorker } from "./processes.ts";

/** What one `atlas start` runs: everything, or one side of a scaled-out deployment. */
export type StackRole = "all" | "api" | "worker";
export const STACK_ROLES: readonly StackRole[] = ["all", "api", "worker"];

export interface StackOptions extends WorkerProcessOptions {
  port: number;
  simPort: number;
  /** An already migrated database (tests); otherwise DATABASE_URL or the embedded one. */
  databaseUrl?: string;
  box?: SecretBox;
}

export interface RunningStack {
  baseUrl: string;
  databaseUrl: string;
  sim: GraphSim;
  close(): Promise<void>;
}

export interface RunningRole {
  /** The API's base URL (roles all and api). */
  baseUrl?: string;
  /** The Graph simulator (role all). */
  simUrl?: string;
  close(): Promise<void>;
}

function supervisorLog(options: { quiet?: boolean }): (message: string) => void {
  return options.quiet ? () => {} : (message) => console.log(`atlas: ${message}`);
}

const SPLIT_ROLE_DATABASE =
  "--role api and --role worker need DATABASE_URL (or the embedded database of a running `atlas start`): one PostgreSQL that every process shares.";

/**
 * The database for a split role: shared, never owned by this process, and not migrated here (many
 * replicas starting at once would race for the migration lock): `atlas migrate` runs once per release.
 */
function openSharedDatabase(options: StackOptions): Promise<AppDatabase> {
  if (options.databaseUrl) return Promise.resolve({ url: options.databaseUrl, stop: async () => {} });
  return openAppDatabase({ embedded: { refuse: SPLIT_ROLE_DATABASE } });
}

async function startApi(db: Db, databaseUrl: string, options: StackOptions) {
  const box = options.box ?? SecretBox.fromEnvironment(dataDir());
  const api = await createApiServer({ db, databaseUrl, webDistDir: existsSync(webDistDirectory) ? webDistDirectory : undefined, box });
  // Loopback unless HOST says otherwise (e.g. HOST=0.0.0.0 in a container).
  const listening = await api.start(options.port, process.env.HOST);
  return {
    url: listening.url,
    async close() {
      await listening.close();
      await db.$disconnect();
    },
  };
}

/** Waits (bounded) for a worker heartbeat newer than `since` (database time). */
async function workerBeatsSince(db: Db, since: Date, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await db.workerHeartbeat.count({ where: { beatAt: { gte: since } } })) > 0) return true;
    await sleep(200);
  }
  return false;
}

/**
 * Everything on one machine: PostgreSQL (embedded unless DATABASE_URL, restarted if it dies),
 * migrations, the Graph simulator with demo tenants, demo data, the API serving the SPA, and a
 * worker process (restarted if it dies).
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const log = supervisorLog(options);
  const database = options.databaseUrl
    ? { url: options.databaseUrl, stop: async () => {} }
    : await openAppDatabase({ migrate: true, embedded: { supervise: log } });
  const sim = await startGraphSim({ port: options.simPort, timeScale: options.timeScale ?? 1 });
  const db = createDb(database.url);
  await seedDemo(db, options.box ?? SecretBox.fromEnvironment(dataDir()), { graphBaseUrl: sim.url, tenants: DEMO_TENANTS });
  const api = await startApi(db, database.url, options);
  const [{ now: spawnedAt }] = await db.$queryRaw<[{ now: Date }]>`select now()`;
  const worker = await superviseWorker(database.url, options, log);
  // "Running" means ready: /readyz needs a worker heartbeat, and a run started now gets picked up.
  if (!(await workerBeatsSince(db, spawnedAt, 120_000))) log("no worker heartbeat after 120 s; /readyz reports it until one arrives");
  return {
    baseUrl: api.url,
    databaseUrl: database.url,
    sim,
    async close() {
      await worker.stop();
      await api.close();
      await sim.close();
      await database.stop();
    },
  };
}

/**
 * One role of a scaled-out deployment against a shared PostgreSQL: `api` serves the API (and the
 * SPA when built) in this process; `worker` runs a worker process and restarts it if it dies.
 */
export async function startRole(role: StackRole, options: StackOptions): Promise<RunningRole> {
  if (role === "all") {
    const stack = await startStack(options);
    return { baseUrl: stack.baseUrl, simUrl: stack.sim.url, close: () => stack.close() };
  }
  const database = await openSharedDatabase(options);
  if (role === "api") {
    const api = await startApi(createDb(database.url), database.url, options);
    return { baseUrl: api.url, close: () => api.close() };
  }
  const worker = await superviseWorker(database.url, options, supervisorLog(options));
  return { close: () => worker.stop() };
}
