import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { readEmbeddedState } from "@atlas/db";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The environment of `atlas start` as a user runs it on a fresh machine: the embedded PostgreSQL
 * under `dataDir` (no DATABASE_URL) and a generated development key (no ATLAS_SECRET_KEY).
 */
export function embeddedStartEnv(
  ports: { port: number; simPort: number },
  dataDir: string,
  extra: NodeJS.ProcessEnv = {},
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(ports.port),
    ATLAS_SIM_PORT: String(ports.simPort),
    ATLAS_DATA_DIR: dataDir,
    ATLAS_GRAPH_TIME_SCALE: "0.05",
    ...extra,
  };
  delete env.DATABASE_URL;
  delete env.ATLAS_SECRET_KEY;
  return env;
}

/** An `atlas` CLI process in its own process group, with its output collected. */
export interface AtlasProcess {
  child: ChildProcess;
  output(): string;
  waitForOutput(text: string, timeoutMs?: number): Promise<void>;
  /** SIGKILL of the whole group: the process and every process it started (a lost machine). */
  killGroup(): void;
  /** SIGTERM, then (bounded) SIGKILL of whatever of its group is left. Safe to call twice. */
  stop(): Promise<void>;
}

export function startAtlas(args: string[], env: NodeJS.ProcessEnv): AtlasProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "apps/cli/src/main.ts", ...args], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on("data", (chunk) => {
    output += String(chunk);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const killGroup = () => {
    try {
      if (child.pid) process.kill(-child.pid, "SIGKILL");
    } catch {
      // The group is already gone.
    }
  };
  return {
    child,
    output: () => output,
    async waitForOutput(text, timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      while (!output.includes(text)) {
        const problem = !alive() ? "exited" : Date.now() > deadline ? `timed out after ${timeoutMs} ms` : undefined;
        if (problem) throw new Error(`atlas ${args.join(" ")} ${problem} before printing "${text}":\n${output}`);
        await sleep(100);
      }
    },
    killGroup,
    async stop() {
      if (alive()) {
        child.kill("SIGTERM");
        const timer = setTimeout(killGroup, 20_000);
        await exited;
        clearTimeout(timer);
      }
      // A child it could not stop (or that outlived a SIGKILL of its parent) goes too.
      killGroup();
    },
  };
}

/** The pid of the worker process that logged claiming this run (`worker-<host>-<pid>-<random>`). */
export function workerPidOfClaim(output: string, runId: string): number | undefined {
  for (const line of output.split("\n").reverse()) {
    if (!line.includes('"run claimed"') || !line.includes(runId)) continue;
    const parts = (JSON.parse(line) as { workerId: string }).workerId.split("-");
    return Number(parts[parts.length - 2]);
  }
  return undefined;
}

/**
 * `atlas start` as a user runs it, on its own embedded PostgreSQL under `dataDir` (one a test may
 * kill), with every wait shrunk: run heartbeats every 300 ms, stale after 1.5 s, a sweep every
 * 500 ms, and 3 s before a restart so an outage is long enough to observe on /readyz.
 */
export async function startSupervisedAtlas(dataDir: string) {
  const [port, simPort] = [await freePort(), await freePort()];
  const env = embeddedStartEnv({ port, simPort }, dataDir, {
    ATLAS_HEARTBEAT_MS: "300",
    ATLAS_HEARTBEAT_STALE_MS: "1500",
    ATLAS_SWEEP_INTERVAL_MS: "500",
    ATLAS_RESTART_BACKOFF_MS: "3000",
  });
  const atlas = startAtlas(["start"], env);
  await atlas.waitForOutput("TenantAtlas is running at");
  return {
    atlas,
    base: `http://127.0.0.1:${port}`,
    simUrl: `http://127.0.0.1:${simPort}`,
    databaseUrl: `postgres://postgres:postgres@127.0.0.1:${readEmbeddedState(dataDir)!.port}/atlas`,
  };
}

/** The pid of the embedded PostgreSQL's postmaster under `dataDir`, to SIGKILL it. */
export function embeddedPostmasterPid(dataDir: string): number {
  return Number(readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8").split("\n")[0]);
}
