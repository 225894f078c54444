// Intune's throttling, as sliding windows of 20 s x timeScale per (tenant) and (tenant, app):
// any request 2000 / 1000, writes 200 / 100. A write counts against both the write and the
// "any request" limits. Rejected requests are not counted, so a client that waits out its
// Retry-After gets in.

import type { ThrottleLimits } from "./types.ts";

export const INTUNE_LIMITS: ThrottleLimits = { readsPerTenant: 2000, readsPerApp: 1000, writesPerTenant: 200, writesPerApp: 100 };
export const WINDOW_SECONDS = 20;

/** Admission timestamps per key; a request is admitted only if every key it touches has room. */
export class SlidingWindowLimiter {
  private readonly windows = new Map<string, number[]>();

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Admits (and records) the request, or says how many ms until every full window has room. */
  tryAdmit(checks: ReadonlyArray<{ key: string; limit: number }>): { admitted: true } | { admitted: false; retryAfterMs: number } {
    const now = this.now();
    let retryAfterMs = 0;
    for (const { key, limit } of checks) {
      const window = this.prune(key, now);
      if (window.length >= limit) {
        // The oldest admission that must expire before the count drops below the limit.
        const freesAt = (window[window.length - limit] as number) + this.windowMs;
        retryAfterMs = Math.max(retryAfterMs, freesAt - now);
      }
    }
    if (retryAfterMs > 0) return { admitted: false, retryAfterMs };
    for (const { key } of checks) this.prune(key, now).push(now);
    return { admitted: true };
  }

  private prune(key: string, now: number): number[] {
    let window = this.windows.get(key);
    if (!window) {
      window = [];
      this.windows.set(key, window);
    }
    const cutoff = now - this.windowMs;
    let expired = 0;
    while (expired < window.length && (window[expired] as number) <= cutoff) expired++;
    if (expired > 0) window.splice(0, expired);
    return window;
  }
}

export type ThrottleDecision = { admitted: true } | { admitted: false; retryAfterSeconds: number };

export class GraphThrottle {
  private readonly limiter: SlidingWindowLimiter;
  private readonly limits: ThrottleLimits;

  constructor(
    limits: Partial<ThrottleLimits> | undefined,
    private readonly timeScale: number,
  ) {
    this.limits = { ...INTUNE_LIMITS, ...limits };
    this.limiter = new SlidingWindowLimiter(WINDOW_SECONDS * 1000 * timeScale);
  }

  admit(tenantId: string, clientId: string, isWrite: boolean): ThrottleDecision {
    const checks = [
      { key: `any|${tenantId}`, limit: this.limits.readsPerTenant },
      { key: `any|${tenantId}|${clientId}`, limit: this.limits.readsPerApp },
    ];
    if (isWrite) {
      checks.push(
        { key: `write|${tenantId}`, limit: this.limits.writesPerTenant },
        { key: `write|${tenantId}|${clientId}`, limit: this.limits.writesPerApp },
      );
    }
    const result = this.limiter.tryAdmit(checks);
    if (result.admitted) return result;
    return { admitted: false, retryAfterSeconds: retryAfterFromWait(result.retryAfterMs, this.timeScale) };
  }
}

/**
 * Real Graph sends whole seconds. The sim rounds the wait UP to whole nominal seconds and then
 * scales, so timeScale 1 gives integers like Graph and 0.05 gives multiples of 0.05 (`0.35`).
 * The value is never shorter than the real wait, so honouring it is enough to get in.
 */
export function retryAfterFromWait(waitMs: number, timeScale: number): number {
  const nominalSeconds = Math.max(1, Math.ceil(waitMs / 1000 / timeScale - 1e-9));
  return scaleSeconds(nominalSeconds, timeScale);
}

/** Nominal Graph seconds -> real seconds on this sim, rounded up to whole milliseconds. */
export function scaleSeconds(nominalSeconds: number, timeScale: number): number {
  return Math.ceil(nominalSeconds * timeScale * 1000 - 1e-6) / 1000;
}
