import { hostname } from "node:os";
import type { Db } from "@atlas/db";

export interface WorkerHeartbeat {
  stop(): Promise<void>;
}

/**
 * Beats into `worker_heartbeats` every `intervalMs` so any API process's /readyz can tell whether a
 * worker is alive. A failed beat means the database is away: it is logged once, the timer keeps
 * trying (the pool opens fresh connections), and the first beat that lands again is logged too.
 * Rows of workers that vanished without a goodbye a day ago are dropped at start.
 */
export function startWorkerHeartbeat(
  db: Db,
  workerId: string,
  intervalMs: number,
  log: (message: string, meta?: Record<string, unknown>) => void,
): WorkerHeartbeat {
  let databaseDown = false;
  let beating: Promise<void> = Promise.resolve();
  const beat = async () => {
    try {
      // The database's clock, not ours: /readyz compares with now() on the same server.
      await db.$executeRaw`insert into worker_heartbeats (worker_id, hostname, pid) values (${workerId}, ${hostname()}, ${process.pid})
        on conflict (worker_id) do update set beat_at = now()`;
      if (databaseDown) log("database reachable again; heartbeats resumed");
      databaseDown = false;
    } catch (error) {
      if (!databaseDown) log("database unreachable; retrying", { level: "warning", error: String(error).slice(0, 200) });
      databaseDown = true;
    }
  };
  beating = db.$executeRaw`delete from worker_heartbeats where beat_at < now() - interval '1 day'`.then(
    () => beat(),
    () => beat(),
  );
  const timer = setInterval(() => {
    beating = beating.then(beat);
  }, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await beating;
      // A graceful stop says goodbye at once instead of leaving a row to go stale.
      await db.workerHeartbeat.deleteMany({ where: { workerId } }).catch(() => {});
    },
  };
}
