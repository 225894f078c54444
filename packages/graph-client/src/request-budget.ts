// Per-tenant request budget: a sliding-window limiter that paces the client BELOW Intune's documented
// limits (per 20 s: 2000 requests per tenant / 1000 per app, writes 200 per tenant / 100 per app)
// so a backup of a big tenant runs at the allowed rate instead of hammering into 429 storms.
// A sliding window log (one timestamp per request) rather than a token bucket, because Intune
// counts requests in a window: a bucket refilling continuously could still burst over a window.
//
// Scope: one budget per tenant per PROCESS (see requestBudgetForTenant). Several worker processes
// hitting the same tenant each get their own budget; the Retry-After handling covers the overlap.

export interface RequestBudgetLimits {
  /** All requests (reads + writes; each $batch item counts as one). */
  requestsPerWindow: number;
  writesPerWindow: number;
  /** Window length; tests shrink it together with the simulator's time scale. */
  windowMs: number;
}

/** Intune's per-app-per-tenant limits: what one app registration may spend in a tenant. */
export const INTUNE_PER_APP_LIMITS: RequestBudgetLimits = Object.freeze({
  requestsPerWindow: 1000,
  writesPerWindow: 100,
  windowMs: 20_000,
});

export interface RequestCost {
  /** Requests to send now (a $batch costs one per inner item). */
  requests: number;
  /** How many of those are writes (POST/PATCH/PUT/DELETE). */
  writes?: number;
}

export interface RequestBudget {
  readonly limits: RequestBudgetLimits;
  /** Resolves once the cost fits into the window; returns how long it waited (ms). */
  acquire(cost: RequestCost): Promise<number>;
  /**
   * Server-told pause (429 Retry-After): every later acquire of that kind waits `ms` from now, so
   * sibling requests of the same tenant do not walk into the same throttle. A throttled write only
   * holds writes, because Intune can throttle writes while reads still pass.
   */
  holdFor(ms: number, kind: "all" | "writes"): void;
  /** Requests and writes spent in the current window (for diagnostics and tests). */
  usage(): { requests: number; writes: number };
}

export interface BudgetClock {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

const realClock: BudgetClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export function createRequestBudget(limits: RequestBudgetLimits, clock: BudgetClock = realClock): RequestBudget {
  assertValidLimits(limits);
  const requestTimes: number[] = [];
  const writeTimes: number[] = [];
  let holdAllUntil = 0;
  let holdWritesUntil = 0;

  const prune = (now: number) => {
    const horizon = now - limits.windowMs;
    while (requestTimes.length > 0 && (requestTimes[0] as number) <= horizon) requestTimes.shift();
    while (writeTimes.length > 0 && (writeTimes[0] as number) <= horizon) writeTimes.shift();
  };

  // Time until `count` more entries fit: the entry that must leave the window is the one that
  // would otherwise push the window over its limit.
  const waitForRoom = (times: number[], count: number, limit: number, now: number): number => {
    const needed = Math.min(count, limit); // an oversized batch waits for an empty window
    const overflow = times.length + needed - limit;
    if (needed === 0 || overflow <= 0) return 0;
    const mustExpire = times[overflow - 1] as number;
    return mustExpire + limits.windowMs - now;
  };

  const waitNeeded = (cost: Required<RequestCost>, now: number): number => {
    prune(now);
    return Math.max(
      holdAllUntil - now,
      cost.writes > 0 ? holdWritesUntil - now : 0,
      waitForRoom(requestTimes, cost.requests, limits.requestsPerWindow, now),
      waitForRoom(writeTimes, cost.writes, limits.writesPerWindow, now),
    );
  };

  return {
    limits,
    async acquire(requested) {
      const cost = { requests: requested.requests, writes: requested.writes ?? 0 };
      let waited = 0;
      // No await between the final check and the push below, so concurrent callers cannot both
      // take the last slot (JavaScript runs this synchronously).
      for (let wait = waitNeeded(cost, clock.now()); wait > 0; wait = waitNeeded(cost, clock.now())) {
        await clock.sleep(wait);
        waited += wait;
      }
      const now = clock.now();
      for (let i = 0; i < cost.requests; i++) requestTimes.push(now);
      for (let i = 0; i < cost.writes; i++) writeTimes.push(now);
      return waited;
    },
    holdFor(ms, kind) {
      const atMs = clock.now() + ms;
      if (kind === "all") holdAllUntil = Math.max(holdAllUntil, atMs);
      else holdWritesUntil = Math.max(holdWritesUntil, atMs);
    },
    usage() {
      prune(clock.now());
      return { requests: requestTimes.length, writes: writeTimes.length };
    },
  };
}

function assertValidLimits(limits: RequestBudgetLimits): void {
  const positive = (n: number) => Number.isFinite(n) && n > 0;
  if (!positive(limits.requestsPerWindow) || !positive(limits.writesPerWindow) || !positive(limits.windowMs)) {
    throw new Error("Request budget limits must be positive numbers");
  }
}

// Registry: every client of one tenant in this process shares one budget, whoever creates it.
const budgetsByTenant = new Map<string, RequestBudget>();

/**
 * The shared budget of a tenant. The first caller's limits win; later callers get the same budget
 * (a second, differently sized budget for the same tenant would defeat the point of sharing).
 */
export function requestBudgetForTenant(tenantId: string, limits: RequestBudgetLimits = INTUNE_PER_APP_LIMITS): RequestBudget {
  const key = tenantId.toLowerCase();
  let budget = budgetsByTenant.get(key);
  if (!budget) {
    budget = createRequestBudget(limits);
    budgetsByTenant.set(key, budget);
  }
  return budget;
}
