import { LRUCache } from "lru-cache";

/** Points each caller (token, session, or anonymous address) may spend, and how fast they return. */
export interface BudgetSettings {
  capacity: number;
  refillPerSecond: number;
}

export const DEFAULT_BUDGET: BudgetSettings = { capacity: 50_000, refillPerSecond: 1_000 };

export type Charge = { granted: true; remaining: number } | { granted: false; remaining: number; retryAfterSeconds: number };

/**
 * Budgets by caller key: the credential's hash (`token:…`, `session:…`, see the credential cache)
 * or `address:<client address>` for anonymous callers. Keys travel to the other API processes, so
 * a key is never a secret itself.
 */
export interface CostBudgets {
  /** Takes `points` from the caller's bucket, or says how long until it holds that many. */
  charge(key: string, points: number): Charge;
  /** Gives back what was charged but not used (requested minus actual); returns what remains. */
  refund(key: string, points: number): number;
  /** What callers spent in this process since the last call, by caller key, for the other API processes; resets the tally. */
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

  function current(key: string): Bucket {
    const now = Date.now();
    let bucket = buckets.get(key);
    if (!bucket) {
      bucket = { points: settings.capacity, at: now };
      buckets.set(key, bucket);
    }
    bucket.points = Math.min(settings.capacity, bucket.points + ((now - bucket.at) / 1000) * settings.refillPerSecond);
    bucket.at = now;
    return bucket;
  }

  const tally = (key: string, points: number) => spent.set(key, (spent.get(key) ?? 0) + points);

  return {
    charge(key, points) {
      const bucket = current(key);
      if (bucket.points >= points) {
        bucket.points -= points;
        tally(key, points);
        return { granted: true, remaining: Math.floor(bucket.points) };
      }
      const retryAfterSeconds = Math.max(1, Math.ceil((points - bucket.points) / settings.refillPerSecond));
      return { granted: false, remaining: Math.floor(bucket.points), retryAfterSeconds };
    },
    refund(key, points) {
      const bucket = current(key);
      const returned = Math.max(0, points);
      bucket.points = Math.min(settings.capacity, bucket.points + returned);
      // Nothing given back, nothing to tell the other processes.
      if (returned > 0) tally(key, -returned);
      return Math.floor(bucket.points);
    },
    takeSpent() {
      const taken = [...spent];
      // A refund may land after its charge was told: it stays here to offset the next charges.
      spent = new Map(taken.filter(([, points]) => points < 0));
      return Object.fromEntries(taken.filter(([, points]) => points > 0));
    },
    spentElsewhere(elsewhere) {
      for (const [key, points] of Object.entries(elsewhere)) {
        if (!Number.isFinite(points) || points <= 0) continue;
        const bucket = current(key);
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
