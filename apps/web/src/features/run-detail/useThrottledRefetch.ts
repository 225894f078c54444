import { useEffect, useRef } from "react";

/**
 * Calls `refetch` when `key` changes, at most once per `intervalMs` (the last change is never
 * dropped: it is fetched when the interval ends). The first key is the initial load, which the
 * query already fetched; a null key (nothing to follow) does nothing.
 */
export function useThrottledRefetch(key: string | null, refetch: () => void, intervalMs: number): void {
  const seen = useRef<string | null>(null);
  const lastAt = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    if (key === null || key === seen.current) return;
    const first = seen.current === null;
    seen.current = key;
    // A scheduled refetch reads whatever this change wrote as well.
    if (first || timer.current) return;
    timer.current = setTimeout(
      () => {
        timer.current = undefined;
        lastAt.current = Date.now();
        refetch();
      },
      Math.max(0, lastAt.current + intervalMs - Date.now()),
    );
  }, [key, refetch, intervalMs]);
  useEffect(() => () => clearTimeout(timer.current), []);
}
