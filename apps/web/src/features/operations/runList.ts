import type { OperationRunFilter } from "../../graphql/generated/graphql";
import type { RunRow } from "./documents";
import { isAtLeastAsNew, isNewer } from "./runFreshness";

/**
 * The operations monitor's list: pages loaded so far plus live updates merged in.
 * Pure so the merge rules are unit-tested; the page feeds it through a reducer.
 */
export interface RunListState {
  runs: RunRow[];
  totalCount: number;
}

export const emptyRunList: RunListState = { runs: [], totalCount: 0 };

/** Whether a run belongs in the list under the active filter (mirrors the API's filter semantics). */
export function matchesRunFilter(run: RunRow, filter: OperationRunFilter): boolean {
  if (filter.environmentIds?.length && !filter.environmentIds.includes(run.environment?.id ?? "")) {
    return false;
  }
  if (filter.types?.length && !filter.types.includes(run.type)) return false;
  if (filter.statuses?.length && !filter.statuses.includes(run.status)) return false;
  if (filter.outcomes?.length && !filter.outcomes.includes(run.outcome)) return false;
  if (filter.hasProofGaps !== undefined && filter.hasProofGaps !== run.proofGaps.length > 0) return false;
  return true;
}

/**
 * Appends a fetched page. A run already listed (placed by a live update or an earlier page) stays
 * where it is and keeps whichever version is newer: a page fetched before an update may land after it.
 */
export function appendRunPage(state: RunListState, page: RunRow[], totalCount: number): RunListState {
  const pageById = new Map(page.map((run) => [run.id, run]));
  const runs = state.runs.map((run) => {
    const fetched = pageById.get(run.id);
    return fetched && isNewer(fetched, run) ? fetched : run;
  });
  const known = new Set(state.runs.map((run) => run.id));
  const fresh = page.filter((run) => !known.has(run.id));
  return { runs: [...runs, ...fresh], totalCount: Math.max(totalCount, runs.length + fresh.length) };
}

/**
 * Applies one live update: an existing run is replaced in place (keeping the list order stable),
 * a new run that matches the filter goes to the top, and a run that no longer matches leaves.
 */
export function applyRunUpdate(state: RunListState, update: RunRow, filter: OperationRunFilter): RunListState {
  const index = state.runs.findIndex((run) => run.id === update.id);
  const existing = state.runs[index];
  if (existing && !isAtLeastAsNew(update, existing)) return state;
  const belongs = matchesRunFilter(update, filter);

  if (index === -1) {
    if (!belongs) return state;
    return { runs: [update, ...state.runs], totalCount: state.totalCount + 1 };
  }
  if (!belongs) {
    return {
      runs: state.runs.filter((run) => run.id !== update.id),
      totalCount: Math.max(0, state.totalCount - 1),
    };
  }
  const runs = state.runs.slice();
  runs[index] = update;
  return { runs, totalCount: state.totalCount };
}
