import { SecretBox } from "@atlas/core";
import { dataDir, resolveDatabaseServer } from "@atlas/db";
import { startWorker } from "./worker.ts";

/**
 * A standalone worker process: `tsx apps/worker/src/main.ts`. Uses DATABASE_URL, or the embedded
 * PostgreSQL that `pnpm start` published under ATLAS_DATA_DIR.
 */
// Each variable is read by its literal name, so the README's configuration test can find it.
const number = (value: string | undefined) => (value ? Number(value) : undefined);
const server = await resolveDatabaseServer();
const worker = await startWorker({
  connectionString: server.url,
  box: SecretBox.fromEnvironment(dataDir()),
  concurrency: number(process.env.ATLAS_WORKER_CONCURRENCY),
  heartbeatMs: number(process.env.ATLAS_HEARTBEAT_MS),
  heartbeatStaleMs: number(process.env.ATLAS_HEARTBEAT_STALE_MS),
  queuedGraceMs: number(process.env.ATLAS_QUEUED_GRACE_MS),
  sweepIntervalMs: number(process.env.ATLAS_SWEEP_INTERVAL_MS),
  scheduleTickMs: number(process.env.ATLAS_SCHEDULE_TICK_MS),
  graph: { timeScale: number(process.env.ATLAS_GRAPH_TIME_SCALE) },
});
let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  // Graceful: running jobs finish or are released before the process exits.
  await worker.stop();
  await server.stop();
  process.exit(0);
}
// graphile-worker rides out a database outage (its pool and LISTEN client reconnect); should its
// runner fail anyway, exit non-zero so the supervisor (`atlas start`) or the platform restarts us.
worker.done.catch((error) => {
  if (stopping) return;
  console.error(JSON.stringify({ level: "error", workerId: worker.workerId, message: "job runner failed; exiting", error: String(error) }));
  process.exit(1);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, shutdown);
// Started by `atlas start` or a test (spawnWorker opens an IPC channel): when that parent goes away,
// even killed or timed out before it could stop us, the worker stops too instead of polling a
// database nobody uses any more. A graceful stop that hangs is cut short.
if (process.channel) {
  const parentGone = () => {
    setTimeout(() => process.exit(1), 10_000).unref();
    void shutdown();
  };
  process.once("disconnect", parentGone);
  // The parent may have gone while the worker was starting.
  if (!process.connected) parentGone();
}
