import { SecretBox } from "@atlas/core";
import { dataDir, resolveDatabaseServer } from "@atlas/db";
import { startWorker } from "./worker.ts";

/**
 * A standalone worker process: `tsx apps/worker/src/main.ts`. Uses DATABASE_URL, or the embedded
 * PostgreSQL that `pnpm start` published under ATLAS_DATA_DIR.
 */
const number = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
const server = await resolveDatabaseServer();
const worker = await startWorker({
  connectionString: server.url,
  box: SecretBox.fromEnvironment(dataDir()),
  concurrency: number("ATLAS_WORKER_CONCURRENCY"),
  heartbeatMs: number("ATLAS_HEARTBEAT_MS"),
  heartbeatStaleMs: number("ATLAS_HEARTBEAT_STALE_MS"),
  queuedGraceMs: number("ATLAS_QUEUED_GRACE_MS"),
  sweepIntervalMs: number("ATLAS_SWEEP_INTERVAL_MS"),
  scheduleTickMs: number("ATLAS_SCHEDULE_TICK_MS"),
  graph: { timeScale: number("ATLAS_GRAPH_TIME_SCALE") },
});
let stopping = false;
// graphile-worker rides out a database outage (its pool and LISTEN client reconnect); should its
// runner fail anyway, exit non-zero so the supervisor (`atlas start`) or the platform restarts us.
worker.done.catch((error) => {
  if (stopping) return;
  console.error(JSON.stringify({ level: "error", workerId: worker.workerId, message: "job runner failed; exiting", error: String(error) }));
  process.exit(1);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    // Graceful: running jobs finish or are released before the process exits.
    await worker.stop();
    await server.stop();
    process.exit(0);
  });
}
