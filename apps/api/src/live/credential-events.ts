import type { CredentialCache } from "@atlas/core";
import pg from "pg";
import { type Logger, silentLogger } from "../logger.ts";

/** NOTIFY channel of migration 000005: a token, session, membership or user changed. */
export const CREDENTIALS_CHANGED_CHANNEL = "credentials_changed";

export interface CredentialEvents {
  /** Called after the cache was dropped, for every change (e.g. to re-check open event streams). */
  onChange(listener: () => void): () => void;
  /** Resolves once this process LISTENs (and so trusts its cache). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Keeps one LISTEN connection per API process for credential changes. While it is connected the
 * credential cache may answer from memory; while it is not, the cache is bypassed (every request
 * asks the database), so a revoke never waits for a reconnect.
 */
export function createCredentialEvents(options: { cache: CredentialCache; databaseUrl: string; logger?: Logger }): CredentialEvents {
  const logger = options.logger ?? silentLogger;
  const listeners = new Set<() => void>();
  let client: pg.Client | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let failures = 0;
  let closed = false;

  const changed = () => {
    options.cache.invalidate();
    for (const listener of listeners) listener();
  };

  function lost(dead: pg.Client, error?: unknown): void {
    if (client !== dead) return;
    client = undefined;
    options.cache.setTrusted(false);
    changed(); // whatever happened while disconnected is unknown: re-check everything
    dead.removeAllListeners();
    dead.on("error", () => {});
    void dead.end().catch(() => {});
    if (closed) return;
    failures += 1;
    const delay = Math.min(250 * 2 ** (failures - 1), 10_000);
    logger.warn("credential-events: LISTEN connection lost; reconnecting", { delayMs: delay, error });
    retryTimer = setTimeout(() => void connect(), delay);
    retryTimer.unref();
  }

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString: options.databaseUrl });
    client = next;
    next.on("notification", (message) => {
      if (message.channel === CREDENTIALS_CHANGED_CHANNEL) changed();
    });
    next.on("error", (error) => lost(next, error));
    next.on("end", () => lost(next));
    try {
      await next.connect();
      await next.query(`LISTEN ${CREDENTIALS_CHANGED_CHANNEL}`);
    } catch (error) {
      lost(next, error);
      return;
    }
    if (closed || client !== next) return;
    failures = 0;
    options.cache.setTrusted(true);
  }

  const first = connect();
  return {
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    ready: () => first,
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      const open = client;
      client = undefined;
      options.cache.setTrusted(false);
      open?.removeAllListeners();
      open?.on("error", () => {});
      await open?.end().catch(() => {});
    },
  };
}
