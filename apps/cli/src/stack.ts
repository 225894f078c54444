import type { ChildProcess } from "node:child_process";
import { createApiServer } from "@atlas/api";
import { SecretBox, seedDemo } from "@atlas/core";
import { createDb, dataDir } from "@atlas/db";
import { DEMO_TENANTS, type GraphSim, startGraphSim } from "@atlas/graph-sim";
import { webDistDirectory } from "@atlas/web";
import { openAppDatabase } from "./database.ts";
import { spawnWorker, stopProcess } from "./processes.ts";

export interface StackOptions {
  port: number;
  simPort: number;
  /** Simulator throttle time scale (1 = Intune's real 20 s windows). */
  timeScale?: number;
  workerEnv?: Record<string, string>;
  quiet?: boolean;
  /** An already migrated database (tests); otherwise DATABASE_URL or the embedded one. */
  databaseUrl?: string;
  box?: SecretBox;
}

export interface RunningStack {
  baseUrl: string;
  databaseUrl: string;
  sim: GraphSim;
  worker: ChildProcess;
  close(): Promise<void>;
}

/**
 * Everything on one machine: PostgreSQL (embedded unless DATABASE_URL), migrations, the Graph
 * simulator with demo tenants, demo data, the API serving the SPA, and a worker process.
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const database = options.databaseUrl ? { url: options.databaseUrl, stop: async () => {} } : await openAppDatabase({ migrate: true });
  const sim = await startGraphSim({ port: options.simPort, timeScale: options.timeScale ?? 1 });
  const box = options.box ?? SecretBox.fromEnvironment(dataDir());
  const db = createDb(database.url);
  await seedDemo(db, box, { graphBaseUrl: sim.url, tenants: DEMO_TENANTS });
  const api = await createApiServer({ db, databaseUrl: database.url, webDistDir: webDistDirectory, box });
  // Loopback unless HOST says otherwise (e.g. HOST=0.0.0.0 in a container).
  const listening = await api.start(options.port, process.env.HOST);
  const worker = spawnWorker(database.url, options);
  return {
    baseUrl: listening.url,
    databaseUrl: database.url,
    sim,
    worker,
    async close() {
      await stopProcess(worker);
      await listening.close();
      await sim.close();
      await db.$disconnect();
      await database.stop();
    },
  };
}
