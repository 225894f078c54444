// Retry delay rules, kept pure so they can be unit-tested without a clock:
// - a Retry-After from the server wins and is honoured exactly (never shortened, never capped):
//   Graph promises nothing before it, and retrying early only earns another 429;
// - without one, exponential backoff with FULL jitter (AWS style): a random delay in
//   [0, min(cap, base * 2^(retry-1))], which spreads a herd of throttled workers apart.

export interface BackoffSettings {
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffSettings = { baseDelayMs: 500, maxDelayMs: 30_000 };

/**
 * Parses a Retry-After header into milliseconds, rounded UP so the wait is never shorter than asked.
 * Accepts delta-seconds, fractional seconds (the simulator scales time) and HTTP dates.
 * Returns undefined for absent or unusable values so the caller falls back to backoff.
 */
export function parseRetryAfterMs(header: string | null | undefined, nowMs: number): number | undefined {
  if (header === null || header === undefined) return undefined;
  const text = header.trim();
  if (text === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) {
    // Round to whole microseconds first: 0.3 * 1000 is 300.00000000000006 in floating point.
    return Math.ceil(Math.round(Number(text) * 1_000_000) / 1000);
  }
  // Only an HTTP date is left (`Wed, 21 Oct 2015 07:28:00 GMT`); Date.parse would also take '-1'.
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil(at - nowMs));
}

/** Upper bound of the full-jitter window for the n-th retry (1-based). */
export function backoffCeilingMs(retryNumber: number, settings: BackoffSettings): number {
  const exponent = Math.max(0, retryNumber - 1);
  // 2^exponent overflows to Infinity for huge attempt counts, which min() then caps.
  return Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** exponent);
}

export interface RetryDelayInput {
  /** 1 for the first retry, 2 for the second, ... */
  retryNumber: number;
  retryAfterHeader?: string | null;
  nowMs: number;
  settings?: BackoffSettings;
  /** Injectable for tests; must return a value in [0, 1). */
  random?: () => number;
}

export interface RetryDelay {
  delayMs: number;
  source: "retryAfter" | "backoff";
  /** The server's Retry-After in seconds (may be fractional), when one was usable. */
  retryAfterSeconds?: number;
}

export function computeRetryDelay(input: RetryDelayInput): RetryDelay {
  const retryAfterMs = parseRetryAfterMs(input.retryAfterHeader, input.nowMs);
  if (retryAfterMs !== undefined) {
    return { delayMs: retryAfterMs, source: "retryAfter", retryAfterSeconds: retryAfterMs / 1000 };
  }
  const ceiling = backoffCeilingMs(input.retryNumber, input.settings ?? DEFAULT_BACKOFF);
  const random = input.random ?? Math.random;
  return { delayMs: Math.floor(random() * (ceiling + 1)), source: "backoff" };
}

/**
 * Sleeps at least `ms`. Timers can fire a millisecond early after rounding; Retry-After is a
 * promise to the server, so we top up the remainder instead of trusting a single setTimeout.
 */
export async function sleepAtLeast(ms: number): Promise<void> {
  if (!(ms > 0)) return;
  const deadline = performance.now() + ms;
  for (;;) {
    const remaining = deadline - performance.now();
    if (remaining <= 0) return;
    await new Promise<void>((resolve) => setTimeout(resolve, Math.ceil(remaining)));
  }
}
