import { isAtLeastAsNew } from "../operations/runFreshness";
import type { RunDetail } from "./documents";

/**
 * The detail view shows the queried run overlaid with the latest subscription payload, unless a
 * refetch is newer (e.g. right after Cancel). Only a payload for the same run counts, so navigating
 * between runs never shows the previous one's state.
 */
export function overlayLiveRun<Queried extends { id: string; updatedAt: string }>(queried: Queried, live: RunDetail | null): Queried {
  if (!live || live.id !== queried.id || !isAtLeastAsNew(live, queried)) return queried;
  return { ...queried, ...live };
}

/**
 * Transitions and (re)evaluations append run events, which the subscription does not carry;
 * when this key changes the view refetches the timeline. Progress ticks do not change it.
 */
export function timelineKey(run: RunDetail): string {
  return [run.status, run.outcome, run.reconciliation?.decision ?? "", run.reconciliation?.evaluatedAt ?? ""].join("|");
}
