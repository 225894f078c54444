import type { ChildProcess } from "node:child_process";
import { spawnWorker, stopProcess } from "@atlas/cli/processes";
import { type Actor, loadUserActor } from "@atlas/core";
import type { Db } from "@atlas/db";
import { DEMO_TENANTS, type GraphSim, type TenantSeed, startGraphSim } from "@atlas/graph-sim";
import { type RunningWorker, type WorkerOptions, startWorker } from "@atlas/worker";
import { afterAll, beforeAll } from "vitest";
import { type TestDatabase, createTestDatabase } from "./database.ts";
import { TEST_SECRET_BOX } from "./seed.ts";
import { TEST_SECRET_KEY_BASE64, seedDemoAgainst } from "./sync-fixture.ts";

export const TIME_SCALE = 0.05;

export interface RestoreStackOptions {
  /**
   * `in-process` (default): one worker inside the test process. `processes`: no worker at start;
   * the test spawns real worker OS processes with `spawnWorker()` (to SIGKILL them).
   */
  worker?: "in-process" | "processes";
  /** Extra options of the in-process worker (e.g. a fast schedule tick). */
  workerOptions?: Partial<WorkerOptions>;
  /** Simulator tenants served next to the demo tenants (an empty restore target); no environment is seeded for them. */
  extraTenants?: TenantSeed[];
}

export interface RestoreStack {
  readonly db: Db;
  readonly url: string;
  readonly database: TestDatabase;
  readonly sim: GraphSim;
  /** owner@demo.test: may execute restores. */
  readonly owner: Actor;
  /** operator@demo.test: plans and dry-runs. */
  readonly operator: Actor;
  readonly workspaceId: string;
  /** Demo environment ids by name (Contoso, Fabrikam, Northwind, ...). */
  readonly environments: Record<string, string>;
  /** The second MSP's workspace (Tailspin) and its owner, owner@other.test. */
  readonly other: { workspaceId: string; environments: Record<string, string>; owner: Actor };
  /** A real worker OS process against this database, stopped after the file's tests. */
  spawnWorker(env?: Record<string, string>): ChildProcess;
}

// Worker processes notice a lost worker quickly: heartbeats every 300 ms, stale after 2.5 s.
const PROCESS_ENV = {
  ATLAS_SECRET_KEY: TEST_SECRET_KEY_BASE64,
  ATLAS_HEARTBEAT_MS: "300",
  ATLAS_HEARTBEAT_STALE_MS: "2500",
  ATLAS_SWEEP_INTERVAL_MS: "1000",
};

/**
 * The restore test stack of one test file, opened before its tests and closed after them even when
 * they fail: a database cloned from the template, the Graph simulator over real HTTP (time-scaled),
 * the demo data seeded against it, and a worker (in this process or as real processes).
 */
export function useRestoreStack(options: RestoreStackOptions = {}): RestoreStack {
  let database: TestDatabase | undefined;
  let sim: GraphSim | undefined;
  let worker: RunningWorker | undefined;
  const processes: ChildProcess[] = [];
  let seeded:
    | { owner: Actor; operator: Actor; workspaceId: string; environments: Record<string, string>; other: RestoreStack["other"] }
    | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    sim = await startGraphSim({ port: 0, timeScale: TIME_SCALE, tenants: [...DEMO_TENANTS, ...(options.extraTenants ?? [])] });
    const { demo, operator } = await seedDemoAgainst(database.db, sim);
    const actorOf = async (email: string) =>
      (await loadUserActor(database!.db, (await database!.db.user.findUniqueOrThrow({ where: { email } })).id)) as Actor;
    seeded = {
      owner: await actorOf("owner@demo.test"),
      operator,
      workspaceId: demo.demo!.workspaceId,
      environments: demo.demo!.environments,
      other: { ...demo.other!, owner: await actorOf("owner@other.test") },
    };
    if ((options.worker ?? "in-process") === "in-process") {
      worker = await startWorker({
        connectionString: database.url,
        box: TEST_SECRET_BOX,
        heartbeatMs: 500,
        graph: { timeScale: TIME_SCALE },
        log: () => {},
        ...options.workerOptions,
      });
    }
  }, 120_000);
  afterAll(async () => {
    await worker?.stop();
    for (const child of processes) await stopProcess(child);
    await sim?.close();
    await database?.drop();
  });

  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("The restore stack is not open yet (use it inside a test or a later beforeAll).");
    return value;
  };
  return {
    get db() {
      return ready(database).db;
    },
    get url() {
      return ready(database).url;
    },
    get database() {
      return ready(database);
    },
    get sim() {
      return ready(sim);
    },
    get owner() {
      return ready(seeded).owner;
    },
    get operator() {
      return ready(seeded).operator;
    },
    get workspaceId() {
      return ready(seeded).workspaceId;
    },
    get environments() {
      return ready(seeded).environments;
    },
    get other() {
      return ready(seeded).other;
    },
    spawnWorker(env = {}) {
      const child = spawnWorker(ready(database).url, { quiet: true, timeScale: TIME_SCALE, workerEnv: { ...PROCESS_ENV, ...env } });
      processes.push(child);
      return child;
    },
  };
}
