import { useEffect, useRef, useState } from "react";
import { useSubscriptionEvents } from "../../graphql/useSubscriptionEvents";
import { type RunDetail, OperationRunUpdatedSubscription } from "../run-detail/documents";

/**
 * Follows one operation run live while it is not final and calls `onChange` (throttled) whenever
 * its status, outcome, progress or counts move, so the restore run can be fetched again. Returns
 * the latest live state of the run, or null before the first event.
 */
export function useRunWatch(runId: string | null, active: boolean, onChange: () => void, throttleMs = 800): RunDetail | null {
  const [live, setLive] = useState<RunDetail | null>(null);
  const lastKey = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset is keyed on the run id only.
  useEffect(() => {
    setLive(null);
    lastKey.current = null;
  }, [runId]);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  useSubscriptionEvents(
    OperationRunUpdatedSubscription,
    { id: runId ?? "" },
    ({ operationRunUpdated: run }) => {
      setLive(run);
      const key = `${run.status}|${run.outcome}|${run.progress}|${JSON.stringify(run.summaryCounts)}|${run.reconciliation?.evaluatedAt}`;
      if (lastKey.current === key) return;
      lastKey.current = key;
      // A final state is fetched at once; progress at most once per throttle window.
      if (run.status === "COMPLETED") {
        if (timer.current) clearTimeout(timer.current);
        timer.current = null;
        onChangeRef.current();
        return;
      }
      if (timer.current) return;
      timer.current = setTimeout(() => {
        timer.current = null;
        onChangeRef.current();
      }, throttleMs);
    },
    !runId || !active,
  );

  return live && live.id === runId ? live : null;
}
