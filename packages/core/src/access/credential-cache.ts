import type { Db } from "@atlas/db";
import { LRUCache } from "lru-cache";
import { sha256 } from "../security/tokens.ts";
import type { Actor } from "./actor.ts";
import { findApiTokenActor, findSessionActor, isApiTokenShaped } from "./authentication.ts";

/** How long an authenticated (or refused) credential is trusted without asking the database. */
export const CREDENTIAL_CACHE_TTL_MS = 10_000;
/** `last_used_at` of a token is written at most this often. */
export const LAST_USED_WRITE_INTERVAL_MS = 60_000;

export interface CredentialCacheOptions {
  ttlMs?: number;
  lastUsedWriteIntervalMs?: number;
  onError?: (message: string, error: unknown) => void;
}

/** Who a credential is; `key` (the secret's hash) identifies it for budgets and stream limits. */
export interface Authenticated {
  actor: Actor;
  key: string;
}

export interface CredentialCache {
  apiToken(token: string): Promise<Authenticated | undefined>;
  session(sessionId: string): Promise<Authenticated | undefined>;
  /**
   * Only while something guarantees invalidation (this process LISTENs to credential changes) may
   * answers come from memory; otherwise every call asks the database.
   */
  setTrusted(trusted: boolean): void;
  /** Forgets every cached answer: a token, session, membership or user changed somewhere. */
  invalidate(): void;
  /** Waits for pending `last_used_at` writes. */
  flush(): Promise<void>;
}

interface Entry {
  /** undefined: the credential is not valid (cached too, so guessing costs no query). */
  authenticated: Authenticated | undefined;
  /** Sessions end at a fixed time: never trust the cache past it. */
  validUntil: number;
}

/**
 * Authenticates tokens and sessions with no database write and, while trusted, usually no query:
 * answers are kept for a few seconds keyed by the secret's hash and dropped on every credential
 * change notification. Token use is recorded at most once a minute per token, off the request path.
 */
export function createCredentialCache(db: Db, options: CredentialCacheOptions = {}): CredentialCache {
  const ttlMs = options.ttlMs ?? CREDENTIAL_CACHE_TTL_MS;
  const writeEveryMs = options.lastUsedWriteIntervalMs ?? LAST_USED_WRITE_INTERVAL_MS;
  const cache = new LRUCache<string, Entry>({ max: 20_000, ttl: ttlMs });
  const lastUsedWritten = new LRUCache<string, number>({ max: 20_000 });
  const pendingWrites = new Set<Promise<unknown>>();
  let trusted = false;
  // Bumped on every invalidation: a lookup that started before one must not fill the cache after it.
  let generation = 0;

  function recordUse(tokenId: string, knownLastUse: Date | null | undefined): void {
    const now = Date.now();
    const written = lastUsedWritten.get(tokenId);
    const last = written ?? knownLastUse?.getTime() ?? 0;
    if (now - last < writeEveryMs) {
      if (written === undefined) lastUsedWritten.set(tokenId, last);
      return;
    }
    lastUsedWritten.set(tokenId, now);
    const write = db.apiToken
      .updateMany({ where: { id: tokenId }, data: { lastUsedAt: new Date(now) } })
      .catch((error) => options.onError?.("recording an API token's use failed", error))
      .finally(() => pendingWrites.delete(write));
    pendingWrites.add(write);
  }

  async function cached(key: string, load: () => Promise<Entry>): Promise<Authenticated | undefined> {
    const hit = trusted ? cache.get(key) : undefined;
    if (hit && hit.validUntil > Date.now()) return hit.authenticated;
    const startedAt = generation;
    const entry = await load();
    if (trusted && startedAt === generation) cache.set(key, entry, { ttl: Math.max(1, Math.min(ttlMs, entry.validUntil - Date.now())) });
    return entry.authenticated;
  }

  return {
    async apiToken(token) {
      if (!isApiTokenShaped(token)) return undefined;
      const key = `token:${sha256(token)}`;
      let lastUse: Date | null | undefined;
      const authenticated = await cached(key, async () => {
        const found = await findApiTokenActor(db, sha256(token));
        lastUse = found?.lastUsedAt;
        return { authenticated: found && { actor: found.actor, key }, validUntil: Number.POSITIVE_INFINITY };
      });
      // Cache hits count as use too; recordUse keeps it to one write a minute.
      if (authenticated?.actor.kind === "token") recordUse(authenticated.actor.tokenId, lastUse);
      return authenticated;
    },
    session(sessionId) {
      const key = `session:${sha256(sessionId)}`;
      return cached(key, async () => {
        const found = await findSessionActor(db, sha256(sessionId));
        return {
          authenticated: found && { actor: found.actor, key },
          validUntil: found ? found.expiresAt.getTime() : Number.POSITIVE_INFINITY,
        };
      });
    },
    setTrusted(value) {
      trusted = value;
      this.invalidate();
    },
    invalidate() {
      generation += 1;
      cache.clear();
    },
    async flush() {
      await Promise.all([...pendingWrites]);
    },
  };
}
