import { useEffect, useState } from "react";

// One clock for every relative time and live duration on the page: a single interval, not one per cell.
const listeners = new Set<(now: number) => void>();
let timer: ReturnType<typeof setInterval> | undefined;
const TICK_MS = 1000;

function subscribe(listener: (now: number) => void) {
  listeners.add(listener);
  timer ??= setInterval(() => {
    const now = Date.now();
    for (const notify of listeners) notify(now);
  }, TICK_MS);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** The current time, updated every second while `live` (relative times and running durations move on their own). */
export function useNow(live = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => (live ? subscribe(setNow) : undefined), [live]);
  return now;
}
