import { describe, expect, it } from "vitest";
import { backoffCeilingMs, computeRetryDelay, parseRetryAfterMs } from "./retry-delay.ts";

const NOW = Date.parse("2025-01-01T00:00:00Z");

describe("parseRetryAfterMs", () => {
  it.each([
    ["2", 2000],
    ["0", 0],
    ["0.25", 250],
    ["1.5", 1500],
    ["0.3", 300], // 0.3 * 1000 is 300.00000000000006 in floating point
    ["0.0015", 2], // never rounded down: 1.5 ms becomes 2 ms
    [" 3 ", 3000],
  ])("reads %j seconds as %i ms", (header, expected) => {
    expect(parseRetryAfterMs(header, NOW)).toBe(expected);
  });

  it("reads an HTTP date relative to now", () => {
    expect(parseRetryAfterMs("Wed, 01 Jan 2025 00:00:07 GMT", NOW)).toBe(7000);
    expect(parseRetryAfterMs("Tue, 31 Dec 2024 23:59:00 GMT", NOW)).toBe(0);
  });

  it.each([null, undefined, "", "soon", "-1", "1e3"])("ignores unusable value %j", (header) => {
    expect(parseRetryAfterMs(header, NOW)).toBeUndefined();
  });
});

describe("computeRetryDelay", () => {
  const settings = { baseDelayMs: 500, maxDelayMs: 30_000 };

  it("honours a fractional Retry-After exactly, without jitter or cap", () => {
    const delay = computeRetryDelay({ retryNumber: 1, retryAfterHeader: "0.75", nowMs: NOW, settings, random: () => 0 });
    expect(delay).toEqual({ delayMs: 750, source: "retryAfter", retryAfterSeconds: 0.75 });
    const huge = computeRetryDelay({ retryNumber: 1, retryAfterHeader: "120", nowMs: NOW, settings });
    expect(huge.delayMs).toBe(120_000);
  });

  it("grows the backoff ceiling exponentially up to the cap", () => {
    expect([1, 2, 3, 4, 7, 8, 50, 5000].map((n) => backoffCeilingMs(n, settings))).toEqual([
      500, 1000, 2000, 4000, 30_000, 30_000, 30_000, 30_000,
    ]);
  });

  it("uses full jitter: from 0 up to the ceiling, never beyond", () => {
    for (const retryNumber of [1, 3, 10]) {
      const ceiling = backoffCeilingMs(retryNumber, settings);
      const lowest = computeRetryDelay({ retryNumber, nowMs: NOW, settings, random: () => 0 });
      const highest = computeRetryDelay({ retryNumber, nowMs: NOW, settings, random: () => 0.999999999 });
      expect(lowest).toEqual({ delayMs: 0, source: "backoff" });
      expect(highest.delayMs).toBe(ceiling);
    }
  });

  it("spreads random delays over the whole window", () => {
    const delays = Array.from({ length: 2000 }, () => computeRetryDelay({ retryNumber: 3, nowMs: NOW, settings }).delayMs);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...delays)).toBeLessThanOrEqual(2000);
    // With 2000 samples both quarters of the window are hit (fails with probability ~ 2 * 0.75^2000).
    expect(delays.some((d) => d < 500)).toBe(true);
    expect(delays.some((d) => d > 1500)).toBe(true);
  });

  it("falls back to backoff when Retry-After is absent or garbage", () => {
    const delay = computeRetryDelay({ retryNumber: 2, retryAfterHeader: "later", nowMs: NOW, settings, random: () => 0.5 });
    expect(delay).toEqual({ delayMs: 500, source: "backoff" });
  });
});
