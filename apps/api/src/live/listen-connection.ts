import pg from "pg";
import { type Logger, silentLogger } from "../logger.ts";

export interface ListenConnectionOptions {
  databaseUrl: string;
  /** What to do with a notification, per channel this connection LISTENs to. */
  channels: Record<string, (payload: string) => void>;
  /** Called each time the connection LISTENs again (after the first connect and every reconnect). */
  onListening?: () => void;
  /** Called when the connection is lost; notifications sent meanwhile are missed. */
  onLost?: () => void;
  /** Names the connection in log lines. */
  name: string;
  logger?: Logger;
}

export interface ListenConnection {
  /** Resolves after the first attempt to connect and LISTEN, whether it succeeded or not. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/**
 * One dedicated PostgreSQL connection (not from the pool: it stays checked out) that LISTENs to a
 * few channels and reconnects with backoff (250 ms doubling up to 10 s) when it is lost.
 */
export function createListenConnection(options: ListenConnectionOptions): ListenConnection {
  const logger = options.logger ?? silentLogger;
  let client: pg.Client | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let failures = 0;
  let closed = false;

  function lost(dead: pg.Client, error?: unknown): void {
    if (client !== dead) return;
    client = undefined;
    options.onLost?.();
    dead.removeAllListeners();
    dead.on("error", () => {});
    void dead.end().catch(() => {});
    if (closed) return;
    failures += 1;
    const delay = Math.min(250 * 2 ** (failures - 1), 10_000);
    logger.warn(`${options.name}: LISTEN connection lost; reconnecting`, { delayMs: delay, error });
    retryTimer = setTimeout(() => void connect(), delay);
    retryTimer.unref();
  }

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString: options.databaseUrl });
    client = next;
    next.on("notification", (message) => options.channels[message.channel]?.(message.payload ?? ""));
    next.on("error", (error) => lost(next, error));
    next.on("end", () => lost(next));
    try {
      await next.connect();
      for (const channel of Object.keys(options.channels)) await next.query(`LISTEN ${channel}`);
    } catch (error) {
      lost(next, error);
      return;
    }
    if (closed || client !== next) return;
    failures = 0;
    options.onListening?.();
  }

  const first = connect();
  return {
    ready: () => first,
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      const open = client;
      client = undefined;
      open?.removeAllListeners();
      open?.on("error", () => {});
      await open?.end().catch(() => {});
    },
  };
}
