import type { Db, OperationRun } from "@atlas/db";
import pg from "pg";
import type { Logger } from "../logger.ts";
import { silentLogger } from "../logger.ts";
import { type Subscriber, createSubscriber } from "./subscriber.ts";

/** The payload of the `operation_run_changed` NOTIFY (migration 000002): ids only. */
export interface RunChange {
  id: string;
  workspaceId: string;
}

export interface RunInterest {
  /** Cheap prefilter on the NOTIFY payload; the run is loaded only if some subscriber wants it. */
  wants(change: RunChange): boolean;
  /** The final check on the loaded row: access and scope of this subscriber. */
  accepts(run: OperationRun): boolean;
}

export interface RunEvents {
  /** Changed runs this interest accepts, latest state, until the iterator is returned. */
  subscribe(interest: RunInterest): AsyncIterableIterator<OperationRun>;
  /** Resolves once this process LISTENs (tests wait for it before changing runs). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export const RUN_CHANGED_CHANNEL = "operation_run_changed";

export interface RunEventsOptions {
  db: Db;
  /** Connection for the one LISTEN client of this process (not from the pool: it stays checked out). */
  databaseUrl: string;
  /** At most one emit per run per this many ms; the last state of a burst is always delivered. */
  coalesceMs?: number;
  logger?: Logger;
}

/**
 * Workers change runs; every API process learns of it through PostgreSQL LISTEN/NOTIFY: no polling.
 * One client per process listens (lazily, from the first subscription) and reconnects with backoff;
 * after a reconnect, runs updated while it was away are replayed, so subscribers miss nothing.
 */
export function createRunEvents(options: RunEventsOptions): RunEvents {
  const coalesceMs = options.coalesceMs ?? 250;
  const logger = options.logger ?? silentLogger;
  const subscribers = new Set<Subscriber & { interest: RunInterest }>();
  const lastEmit = new Map<string, number>();
  const trailing = new Map<string, NodeJS.Timeout>();
  let client: pg.Client | undefined;
  let connecting: Promise<void> | undefined;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let failures = 0;
  let lostAt: Date | undefined;
  let closed = false;

  async function emit(change: RunChange): Promise<void> {
    const interested = [...subscribers].filter((subscriber) => subscriber.interest.wants(change));
    if (interested.length === 0) return;
    try {
      const run = await options.db.operationRun.findUnique({ where: { id: change.id } });
      if (!run) return;
      for (const subscriber of interested) if (subscriber.interest.accepts(run)) subscriber.push(run.id, run);
    } catch (error) {
      logger.error("run-events: loading a changed run failed", { runId: change.id, error });
    }
  }

  function schedule(change: RunChange): void {
    if (closed || trailing.has(change.id)) return;
    if (![...subscribers].some((subscriber) => subscriber.interest.wants(change))) return;
    const wait = (lastEmit.get(change.id) ?? 0) + coalesceMs - Date.now();
    const fire = () => {
      trailing.delete(change.id);
      lastEmit.set(change.id, Date.now());
      void emit(change);
    };
    if (wait <= 0) fire();
    else trailing.set(change.id, setTimeout(fire, wait));
    if (lastEmit.size > 10_000) {
      const stale = Date.now() - coalesceMs;
      for (const [id, at] of lastEmit) if (at < stale) lastEmit.delete(id);
    }
  }

  function onNotification(message: pg.Notification): void {
    if (message.channel !== RUN_CHANGED_CHANNEL || !message.payload) return;
    try {
      const change = JSON.parse(message.payload) as RunChange;
      if (typeof change.id === "string" && typeof change.workspaceId === "string") schedule(change);
    } catch {
      logger.warn("run-events: ignoring a malformed notification", { payload: message.payload.slice(0, 200) });
    }
  }

  async function replaySince(since: Date): Promise<void> {
    const runs = await options.db.operationRun.findMany({
      where: { updatedAt: { gte: new Date(since.getTime() - 1000) } },
      select: { id: true, workspaceId: true },
      orderBy: { updatedAt: "asc" },
      take: 1000,
    });
    for (const run of runs) schedule(run);
  }

  function lost(error?: unknown): void {
    const dead = client;
    client = undefined;
    dead?.removeAllListeners();
    dead?.on("error", () => {});
    void dead?.end().catch(() => {});
    if (closed || reconnectTimer) return;
    lostAt ??= new Date();
    failures += 1;
    const delay = Math.min(250 * 2 ** (failures - 1), 10_000);
    logger.warn("run-events: LISTEN connection lost; reconnecting", { delayMs: delay, error });
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      void connect().catch(() => {});
    }, delay);
    reconnectTimer.unref();
  }

  function connect(): Promise<void> {
    if (closed) return Promise.resolve();
    if (client) return Promise.resolve();
    connecting ??= (async () => {
      const next = new pg.Client({ connectionString: options.databaseUrl });
      next.on("notification", onNotification);
      next.on("error", (error) => lost(error));
      next.on("end", () => {
        if (client === next) lost();
      });
      try {
        await next.connect();
        await next.query(`LISTEN ${RUN_CHANGED_CHANNEL}`);
      } catch (error) {
        next.removeAllListeners();
        next.on("error", () => {});
        await next.end().catch(() => {});
        lost(error);
        throw error;
      }
      if (closed) {
        await next.end().catch(() => {});
        return;
      }
      client = next;
      failures = 0;
      if (lostAt) {
        const since = lostAt;
        lostAt = undefined;
        await replaySince(since).catch((error) => logger.error("run-events: replay after reconnect failed", { error }));
      }
    })().finally(() => {
      connecting = undefined;
    });
    return connecting;
  }

  return {
    subscribe(interest) {
      void connect().catch(() => {});
      const subscriber = Object.assign(
        createSubscriber<OperationRun>(() => subscribers.delete(subscriber)),
        { interest },
      );
      subscribers.add(subscriber);
      return subscriber.iterator;
    },
    ready: () => connect(),
    async close() {
      closed = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      for (const timer of trailing.values()) clearTimeout(timer);
      trailing.clear();
      for (const subscriber of [...subscribers]) subscriber.end();
      await connecting?.catch(() => {});
      const open = client;
      client = undefined;
      open?.removeAllListeners();
      await open?.end().catch(() => {});
    },
  };
}
