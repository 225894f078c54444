import { vi } from "vitest";

export interface EventuallyOptions {
  /** The longest wait in ms (default 30 s): generous, because it only bounds a wait that failed. */
  timeout?: number;
  /** Pause between attempts in ms (default 100). */
  interval?: number;
  /** What is awaited, for the timeout's message when the probe only returns a falsy value. */
  what?: string;
}

/**
 * The one way tests wait: calls `probe` until it returns a value (anything but undefined, null or
 * false) without throwing, and returns that value. At the deadline it fails with the probe's last
 * error, so a probe that throws a descriptive error ("run still queued") explains the timeout.
 * Never a fixed sleep: the wait ends as soon as the condition holds.
 */
export function eventually<T>(probe: () => T | Promise<T>, options: EventuallyOptions = {}): Promise<Exclude<T, undefined | null | false>> {
  return vi.waitFor(
    async () => {
      const value = await probe();
      if (value === undefined || value === null || value === false) throw new Error(`still waiting for ${options.what ?? "the condition"}`);
      return value as Exclude<T, undefined | null | false>;
    },
    { timeout: options.timeout ?? 30_000, interval: options.interval ?? 100 },
  );
}
