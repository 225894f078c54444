import type { CredentialCache } from "@atlas/core";
import type { Logger } from "../logger.ts";
import { createListenConnection } from "./listen-connection.ts";

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
  const listeners = new Set<() => void>();
  const changed = () => {
    options.cache.invalidate();
    for (const listener of listeners) listener();
  };
  const connection = createListenConnection({
    name: "credential-events",
    databaseUrl: options.databaseUrl,
    logger: options.logger,
    channels: { [CREDENTIALS_CHANGED_CHANNEL]: changed },
    onListening: () => options.cache.setTrusted(true),
    onLost: () => {
      options.cache.setTrusted(false);
      changed(); // whatever happened while disconnected is unknown: re-check everything
    },
  });
  return {
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    ready: () => connection.ready(),
    async close() {
      options.cache.setTrusted(false);
      await connection.close();
    },
  };
}
