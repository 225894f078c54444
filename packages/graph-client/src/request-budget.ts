// Per-tenant request budget: a sliding-window limiter that paces the client BELOW Intune's documented
// limits (per 20 s: 2000 requests per tenant / 1000 per app, writes 200 per tenant / 100 per app)
// so a backup of a big tenant runs at the allowed rate instead of hammering into 429 storms.
// A sliding window log (one timestamp per request) rather than a token bucket, because Intune
// counts requests in a window: a bucket refilling continuously could still burst over a window.
//
// Slots are stamped when granted and, through reserve().settle(), re-stamped when the answer
// arrives: Graph counted the request at some moment in between, so a window measured from the
// answer can never end before Graph's window does (network latency cannot push us over the limit).
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

/** Slots taken by reserve(); settle() once the answer arrived (or the request failed). */
export interface BudgetReservation {
  /** How long the reservation waited for room (ms). */
  waitedMs: number;
  /** Moves the reservation's slots to now: the window is then counted from the answer, not the grant. */
  settle(): void;
}

export interface RequestBudget {
  readonly limits: RequestBudgetLimits;
  /** Resolves once the cost fits into the window; returns how long it waited (ms). */
  acquire(cost: RequestCost): Promise<number>;
  /** acquire() whose slots can be re-stamped when the request completes (what the transport uses). */
  reserve(cost: RequestCost): Promise<BudgetReservation>;
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
  // One mutable stamp per slot, so settle() can move a reservation's slots. Stamps only ever move
  // forward, which can leave a log out of order: pruning and room checks therefore sort.
  let requestSlots: Slot[] = [];
  let writeSlots: Slot[] = [];
  let holdAllUntil = 0;
  let holdWritesUntil = 0;

  const prune = (now: number) => {
    const horizon = now - limits.windowMs;
    requestSlots = requestSlots.filter((slot) => slot.at > horizon);
    writeSlots = writeSlots.filter((slot) => slot.at > horizon);
  };

  // Time until `count` more entries fit: the entry that must leave the window is the one that
  // would otherwise push the window over its limit.
  const waitForRoom = (slots: Slot[], count: number, limit: number, now: number): number => {
    const needed = Math.min(count, limit); // an oversized batch waits for an empty window
    const overflow = slots.length + needed - limit;
    if (needed === 0 || overflow <= 0) return 0;
    const mustExpire = slots.map((slot) => slot.at).sort((a, b) => a - b)[overflow - 1] as number;
    return mustExpire + limits.windowMs - now;
  };

  const waitNeeded = (cost: Required<RequestCost>, now: number): number => {
    prune(now);
    return Math.max(
      holdAllUntil - now,
      cost.writes > 0 ? holdWritesUntil - now : 0,
      waitForRoom(requestSlots, cost.requests, limits.requestsPerWindow, now),
      waitForRoom(writeSlots, cost.writes, limits.writesPerWindow, now),
    );
  };

  const reserve = async (requested: RequestCost): Promise<BudgetReservation> => {
    const cost = { requests: requested.requests, writes: requested.writes ?? 0 };
    let waitedMs = 0;
    // No await between the final check and the push below, so concurrent callers cannot both
    // take the last slot (JavaScript runs this synchronously).
    for (let wait = waitNeeded(cost, clock.now()); wait > 0; wait = waitNeeded(cost, clock.now())) {
      await clock.sleep(wait);
      waitedMs += wait;
    }
    const now = clock.now();
    const taken: Slot[] = [];
    for (let i = 0; i < cost.requests; i++) taken.push({ at: now });
    requestSlots.push(...taken);
    for (let i = 0; i < cost.writes; i++) {
      // A write is also a request: it shares the request's stamp so one settle moves both.
      const slot = taken[i] ?? { at: now };
      writeSlots.push(slot);
    }
    return {
      waitedMs,
      settle() {
        const at = clock.now();
        for (const slot of taken) slot.at = Math.max(slot.at, at);
      },
    };
  };

  return {
    limits,
    reserve,
    async acquire(cost) {
      return (await reserve(cost)).waitedMs;
    },
    holdFor(ms, kind) {
      const atMs = clock.now() + ms;
      if (kind === "all") holdAllUntil = Math.max(holdAllUntil, atMs);
      else holdWritesUntil = Math.max(holdWritesUntil, atMs);
    },
    usage() {
      prune(clock.now());
      return { requests: requestSlots.length, writes: writeSlots.length };
    },
  };
}

interface Slot {
  at: number;
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
