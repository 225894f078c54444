import { hash } from "node:crypto";
import { LRUCache } from "lru-cache";

/** Points each caller (token, session, or anonymous address) may spend, and how fast they return. */
export interface BudgetSettings {
  capacity: number;
  refillPerSecond: number;
}

export const DEFAULT_BUDGET: BudgetSettings = { capacity: 50_000, refillPerSecond: 1_000 };

/** `bucket` names the caller's bucket for the refund that follows a granted charge. */
export type Charge =
  | { granted: true; remaining: number; bucket: string }
  | { granted: false; remaining: number; retryAfterSeconds: number; bucket: string };

export interface CostBudgets {
  /** Takes `points` from the caller's bucket, or says how long until it holds that many. */
  charge(key: string, points: number): Charge;
  /** The bucket of a caller's key (a charge names it too). */
  bucketOf(key: string): string;
  /** Gives back what was charged but not used (requested minus actual); returns what remains. */
  refund(bucket: string, points: number): number;
  /**
   * What callers spent in this process since the last call, by bucket id (a hash of the caller's
   * key, which may hold a session id), for the other API processes; resets the tally.
   */
  takeSpent(): Record<string, number>;
  /** What callers spent in another API process: taken from their buckets here too. */
  spentElsewhere(spent: Record<string, number>): void;
}

interface Bucket {
  points: number;
  at: number;
}

/**
 * Token buckets per caller, in this process's memory. API processes tell each other what their
 * callers spent (budget-sync.ts), so a caller's budget holds across processes within about a
 * second. Full buckets are dropped first when memory is short, which loses nothing.
 */
export function createCostBudgets(settings: BudgetSettings = DEFAULT_BUDGET): CostBudgets {
  const buckets = new LRUCache<string, Bucket>({ max: 50_000 });
  let spent = new Map<string, number>();

  // Buckets are kept by a hash of the caller's key: the id other processes are told must not be
  // a session id, and both sides must name the same caller alike.
  const bucketId = (key: string): string => hash("sha256", key, "base64url").slice(0, 22);

  function current(id: string): Bucket {
    const now = Date.now();
    let bucket = buckets.get(id);
    if (!bucket) {
      bucket = { points: settings.capacity, at: now };
      buckets.set(id, bucket);
    }
    bucket.points = Math.min(settings.capacity, bucket.points + ((now - bucket.at) / 1000) * settings.refillPerSecond);
    bucket.at = now;
    return bucket;
  }

  const tally = (id: string, points: number) => spent.set(id, (spent.get(id) ?? 0) + points);

  return {
    charge(key, points) {
      const id = bucketId(key);
      const bucket = current(id);
      if (bucket.points >= points) {
        bucket.points -= points;
        tally(id, points);
        return { granted: true, remaining: Math.floor(bucket.points), bucket: id };
      }
      const retryAfterSeconds = Math.max(1, Math.ceil((points - bucket.points) / settings.refillPerSecond));
      return { granted: false, remaining: Math.floor(bucket.points), retryAfterSeconds, bucket: id };
    },
    bucketOf: bucketId,
    refund(id, points) {
      const bucket = current(id);
      const returned = Math.max(0, points);
      bucket.points = Math.min(settings.capacity, bucket.points + returned);
      tally(id, -returned);
      return Math.floor(bucket.points);
    },
    takeSpent() {
      const taken = [...spent];
      // A refund may land after its charge was told: it stays here to offset the next charges.
      spent = new Map(taken.filter(([, points]) => points < 0));
      return Object.fromEntries(taken.filter(([, points]) => points > 0));
    },
    spentElsewhere(elsewhere) {
      for (const [id, points] of Object.entries(elsewhere)) {
        if (!Number.isFinite(points) || points <= 0) continue;
        const bucket = current(id);
        // Spent elsewhere is spent: the bucket may run dry, never below empty.
        bucket.points = Math.max(0, bucket.points - points);
      }
    },
  };
}

/**
 * The actual cost of a result: one point per field in its data, as the estimate counts one per field
 * asked for (`__typename` is free in both).
 */
export function actualCost(data: unknown): number {
  if (Array.isArray(data)) return data.reduce((sum: number, item) => sum + actualCost(item), 0);
  if (!data || typeof data !== "object") return 0;
  let cost = 0;
  const fields = data as Record<string, unknown>;
  for (const key in fields) cost += (key === "__typename" ? 0 : 1) + actualCost(fields[key]);
  return cost;
}
