import { describe, expect, it } from "vitest";
import type { BudgetClock } from "./request-budget.ts";
import { createRequestBudget, INTUNE_PER_APP_LIMITS, requestBudgetForTenant } from "./request-budget.ts";

/** A clock that only moves when someone sleeps, so pacing can be asserted to the millisecond. */
function fakeClock(): BudgetClock & { sleeps: number[] } {
  let now = 1_000_000;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

describe("createRequestBudget", () => {
  it("lets a full window through at once, then paces to the window", async () => {
    const clock = fakeClock();
    const budget = createRequestBudget({ requestsPerWindow: 5, writesPerWindow: 2, windowMs: 1000 }, clock);
    const grantedAt: number[] = [];
    for (let i = 0; i < 12; i++) {
      await budget.acquire({ requests: 1 });
      grantedAt.push(clock.now() - 1_000_000);
    }
    expect(grantedAt).toEqual([0, 0, 0, 0, 0, 1000, 1000, 1000, 1000, 1000, 2000, 2000]);
    // No window of 1000 ms ever holds more than 5 grants.
    for (const start of grantedAt) {
      expect(grantedAt.filter((t) => t >= start && t < start + 1000).length).toBeLessThanOrEqual(5);
    }
  });

  it("paces writes separately and more strictly than reads", async () => {
    const clock = fakeClock();
    const budget = createRequestBudget({ requestsPerWindow: 100, writesPerWindow: 2, windowMs: 1000 }, clock);
    await budget.acquire({ requests: 1, writes: 1 });
    await budget.acquire({ requests: 1, writes: 1 });
    expect(await budget.acquire({ requests: 10 })).toBe(0); // reads still pass
    expect(await budget.acquire({ requests: 1, writes: 1 })).toBe(1000);
    expect(budget.usage()).toEqual({ requests: 1, writes: 1 });
  });

  it("charges a batch by its item count and lets an oversized batch wait for an empty window", async () => {
    const clock = fakeClock();
    const budget = createRequestBudget({ requestsPerWindow: 10, writesPerWindow: 10, windowMs: 1000 }, clock);
    await budget.acquire({ requests: 8 });
    expect(await budget.acquire({ requests: 5 })).toBe(1000);
    expect(await budget.acquire({ requests: 20 })).toBe(1000);
  });

  it("holds everybody after a throttled read, only writers after a throttled write", async () => {
    const clock = fakeClock();
    const budget = createRequestBudget({ requestsPerWindow: 100, writesPerWindow: 100, windowMs: 1000 }, clock);
    budget.holdFor(250, "writes");
    expect(await budget.acquire({ requests: 1 })).toBe(0);
    expect(await budget.acquire({ requests: 1, writes: 1 })).toBe(250);
    budget.holdFor(400, "all");
    expect(await budget.acquire({ requests: 1 })).toBe(400);
  });

  it("never grants more than the window allows to concurrent callers", async () => {
    // Real timers here: a fake clock cannot advance for several sleepers at once.
    const budget = createRequestBudget({ requestsPerWindow: 3, writesPerWindow: 3, windowMs: 80 });
    const usageAfterGrant: number[] = [];
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 9 }, async () => {
        await budget.acquire({ requests: 1 });
        usageAfterGrant.push(budget.usage().requests);
      }),
    );
    expect(usageAfterGrant).toHaveLength(9);
    expect(Math.max(...usageAfterGrant)).toBeLessThanOrEqual(3);
    expect(performance.now() - started).toBeGreaterThanOrEqual(155); // 3 windows: 3 + 3 + 3
  });

  it("paces in real time with a scaled-down window", async () => {
    const budget = createRequestBudget({ requestsPerWindow: 4, writesPerWindow: 4, windowMs: 100 });
    const started = performance.now();
    for (let i = 0; i < 10; i++) await budget.acquire({ requests: 1 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(195); // 3 windows: 4 + 4 + 2
  });

  it("counts a settled reservation's window from its answer, not from its grant", async () => {
    const clock = fakeClock();
    const budget = createRequestBudget({ requestsPerWindow: 2, writesPerWindow: 1, windowMs: 1000 }, clock);
    const slow = await budget.reserve({ requests: 1, writes: 1 });
    await budget.acquire({ requests: 1 });
    await clock.sleep(300); // the write's answer arrives 300 ms later
    slow.settle();
    // Graph may have counted the write as late as its answer: the next write waits for 300 + 1000.
    expect(await budget.acquire({ requests: 1, writes: 1 })).toBe(1000);
    // Now (1300) both earlier slots have left the window; only the new write counts.
    expect(budget.usage()).toEqual({ requests: 1, writes: 1 });
  });

  it("rejects nonsense limits", () => {
    expect(() => createRequestBudget({ requestsPerWindow: 0, writesPerWindow: 1, windowMs: 1 })).toThrow();
  });
});

describe("requestBudgetForTenant", () => {
  it("shares one budget per tenant, case-insensitively, with the Intune per-app limits by default", () => {
    const tenant = crypto.randomUUID();
    const first = requestBudgetForTenant(tenant);
    expect(requestBudgetForTenant(tenant.toUpperCase())).toBe(first);
    expect(first.limits).toEqual(INTUNE_PER_APP_LIMITS);
    expect(requestBudgetForTenant(crypto.randomUUID())).not.toBe(first);
  });
});
