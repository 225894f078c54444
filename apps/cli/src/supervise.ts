import { setTimeout as sleep } from "node:timers/promises";

/** Something `supervise` keeps alive: a child process, the embedded PostgreSQL. */
export interface SupervisedProcess {
  /** Settles, with how it ended, when the process ends without being asked to. */
  exited: Promise<string>;
  stop(): Promise<void>;
}

export interface SuperviseOptions {
  /** Shown in the log lines, e.g. "worker". */
  name: string;
  start(): Promise<SupervisedProcess>;
  log(message: string): void;
  /** First restart delay (default ATLAS_RESTART_BACKOFF_MS or 500); it doubles with every crash in a row up to `maxBackoffMs`. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** A process that stayed up this long crashed "fresh": the backoff starts over. */
  stableAfterMs?: number;
}

export interface Supervisor {
  stop(): Promise<void>;
}

/**
 * Starts a process and restarts it with exponential backoff whenever it ends on its own, logging
 * each crash and restart, until `stop()`. The first start's failure is the caller's (a stack that
 * cannot come up should say so); later start failures are retried like crashes.
 */
export async function supervise(options: SuperviseOptions): Promise<Supervisor> {
  const initial = options.initialBackoffMs ?? Number(process.env.ATLAS_RESTART_BACKOFF_MS ?? 500);
  const max = options.maxBackoffMs ?? 30_000;
  const stableAfter = options.stableAfterMs ?? 60_000;
  const stopping = new AbortController();
  let current = await options.start();

  const keepAlive = async () => {
    let crashesInARow = 0;
    while (!stopping.signal.aborted) {
      const startedAt = Date.now();
      let ended = await Promise.race([current.exited, aborted(stopping.signal)]);
      if (stopping.signal.aborted) return;
      crashesInARow = Date.now() - startedAt >= stableAfter ? 1 : crashesInARow + 1;
      for (;;) {
        const delay = Math.min(initial * 2 ** (crashesInARow - 1), max);
        options.log(`${options.name} ${ended}; restarting in ${delay} ms (crash ${crashesInARow} in a row)`);
        await sleep(delay, undefined, { signal: stopping.signal }).catch(() => {});
        if (stopping.signal.aborted) return;
        try {
          current = await options.start();
          options.log(`${options.name} restarted`);
          break;
        } catch (error) {
          crashesInARow += 1;
          ended = `failed to start (${error instanceof Error ? error.message : String(error ?? "no reason given")})`;
        }
      }
    }
  };
  const loop = keepAlive();

  return {
    async stop() {
      stopping.abort();
      await loop;
      await current.stop();
    },
  };
}

function aborted(signal: AbortSignal): Promise<string> {
  return new Promise((resolve) => signal.addEventListener("abort", () => resolve("stopped"), { once: true }));
}
