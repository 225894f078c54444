import { readdirSync } from "node:fs";
import path from "node:path";
import { MIGRATIONS_FOLDER, type Db } from "@atlas/db";
import express, { type Router } from "express";

/** How many committed migrations this build expects (undefined when the folder is not shipped). */
function committedMigrations(): number | undefined {
  try {
    return readdirSync(path.join(MIGRATIONS_FOLDER, "committed")).filter((file) => file.endsWith(".sql")).length;
  } catch {
    return undefined;
  }
}

export interface HealthOptions {
  /** A worker whose newest heartbeat is older than this counts as gone (ATLAS_HEARTBEAT_STALE_MS). */
  workerHeartbeatStaleMs: number;
}

/** A dead server can leave a connection attempt hanging; readiness answers within this time. */
const PROBE_TIMEOUT_MS = 3000;

interface Probe {
  applied: number;
  liveWorkers: number;
  lastWorkerHeartbeatAt: Date | null;
}

async function probe(db: Db, staleMs: number): Promise<Probe> {
  const [migrations] = await db.$queryRaw<{ applied: number }[]>`select count(*)::int as applied from graphile_migrate.migrations`;
  const [workers] = await db.$queryRaw<{ live: number; last: Date | null }[]>`
    select count(*) filter (where beat_at > now() - make_interval(secs => ${staleMs / 1000}::float8))::int as live,
           max(beat_at) as last
    from worker_heartbeats`;
  return { applied: migrations?.applied ?? 0, liveWorkers: workers?.live ?? 0, lastWorkerHeartbeatAt: workers?.last ?? null };
}

/**
 * GET /healthz: the process answers. GET /readyz: the database answers and is migrated, and some
 * worker's heartbeat is fresh; otherwise 503 with `reason` (database_unavailable,
 * migrations_pending, worker_heartbeat_missing) for as long as the condition lasts.
 */
export function healthRoutes(db: Db, options: HealthOptions): Router {
  const router = express.Router();
  const expected = committedMigrations();
  router.get("/healthz", (_req, res) => {
    res.json({ ok: true });
  });
  router.get("/readyz", async (_req, res) => {
    let state: Probe;
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("timeout")), PROBE_TIMEOUT_MS);
      });
      state = await Promise.race([probe(db, options.workerHeartbeatStaleMs), timeout]);
    } catch {
      // No details: the database error may name hosts or users.
      res.status(503).json({ ok: false, reason: "database_unavailable", database: "unavailable" });
      return;
    } finally {
      clearTimeout(timer);
    }
    const migrations = { applied: state.applied, expected: expected ?? null };
    const workers = { live: state.liveWorkers, lastHeartbeatAt: state.lastWorkerHeartbeatAt };
    const migrated = state.applied > 0 && (expected === undefined || state.applied >= expected);
    const reason = !migrated ? "migrations_pending" : state.liveWorkers === 0 ? "worker_heartbeat_missing" : undefined;
    res.status(reason ? 503 : 200).json({ ok: !reason, ...(reason ? { reason } : {}), database: "up", migrations, workers });
  });
  return router;
}
