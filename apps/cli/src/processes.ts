import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { dataDir } from "@atlas/db";
import { type Supervisor, supervise } from "./supervise.ts";

export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const WORKER_MAIN = path.join(ROOT_DIR, "apps/worker/src/main.ts");

export interface WorkerProcessOptions {
  timeScale?: number;
  workerEnv?: Record<string, string>;
  quiet?: boolean;
}

/** A real worker OS process (so tests can SIGKILL it like a crashed machine). */
export function spawnWorker(databaseUrl: string, options: WorkerProcessOptions): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", WORKER_MAIN], {
    cwd: ROOT_DIR,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      ATLAS_DATA_DIR: dataDir(),
      ATLAS_GRAPH_TIME_SCALE: String(options.timeScale ?? 1),
      ...options.workerEnv,
    },
    // The IPC channel ties the worker to this process: it stops when this process is gone.
    stdio: ["ignore", options.quiet ? "ignore" : "inherit", options.quiet ? "ignore" : "inherit", "ipc"],
  });
  // ...without keeping this process alive for its sake.
  child.channel?.unref();
  return child;
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timeout = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timeout);
}

/** How a child process ended, for the supervisor's log. */
function exitOf(child: ChildProcess): Promise<string> {
  return new Promise((resolve) => {
    child.once("exit", (code, signal) => resolve(signal ? `killed by ${signal}` : `exited with code ${code}`));
  });
}

/** A worker process that is restarted with backoff whenever it dies (crash, OOM, SIGKILL). */
export function superviseWorker(databaseUrl: string, options: WorkerProcessOptions, log: (message: string) => void): Promise<Supervisor> {
  return supervise({
    name: "worker",
    log,
    async start() {
      const child = spawnWorker(databaseUrl, options);
      return { exited: exitOf(child), stop: () => stopProcess(child) };
    },
  });
}
