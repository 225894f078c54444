import { LRUCache } from "lru-cache";

/** Points each caller (token, session, or anonymous address) may spend, and how fast they return. */
export interface BudgetSettings {
  capacity: number;
  refillPerSecond: number;
}

export const DEFAULT_BUDGET: BudgetSettings = { capacity: 50_000, refillPerSecond: 1_000 };

export type Charge = { granted: true; remaining: number } | { granted: false; remaining: number; retryAfterSeconds: number };

export interface CostBudgets {
  /** Takes `points` from the caller's bucket, or says how long until it holds that many. */
  charge(key: string, points: number): Charge;
  /** Gives back what was charged but not used (requested minus actual); returns what remains. */
  refund(key: string, points: number): number;
}

interface Bucket {
  points: number;
  at: number;
}

/**
 * Token buckets per caller, in this process's memory (each API process has its own; with N
 * processes behind a balancer a caller may get up to N times the rate). Full buckets are dropped
 * first when memory is short, which loses nothing.
 */
export function createCostBudgets(settings: BudgetSettings = DEFAULT_BUDGET): CostBudgets {
  const buckets = new LRUCache<string, Bucket>({ max: 50_000 });

  function current(key: string): Bucket {
    const now = Date.now();
    const bucket = buckets.get(key) ?? { points: settings.capacity, at: now };
    bucket.points = Math.min(settings.capacity, bucket.points + ((now - bucket.at) / 1000) * settings.refillPerSecond);
    bucket.at = now;
    buckets.set(key, bucket);
    return bucket;
  }

  return {
    charge(key, points) {
      const bucket = current(key);
      if (bucket.points >= points) {
        bucket.points -= points;
        return { granted: true, remaining: Math.floor(bucket.points) };
      }
      const retryAfterSeconds = Math.max(1, Math.ceil((points - bucket.points) / settings.refillPerSecond));
      return { granted: false, remaining: Math.floor(bucket.points), retryAfterSeconds };
    },
    refund(key, points) {
      const bucket = current(key);
      bucket.points = Math.min(settings.capacity, bucket.points + Math.max(0, points));
      return Math.floor(bucket.points);
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
  for (const [key, value] of Object.entries(data)) cost += (key === "__typename" ? 0 : 1) + actualCost(value);
  return cost;
}
