import type { RunFilterInput } from "./documents";
import { type RunOutcome, type RunStatus, runOutcomes, runStatuses } from "./runEnums";

/**
 * The monitor's filter lives in the URL so a filtered view survives reload and can be shared.
 * Unknown enum values in a hand-edited URL are dropped rather than sent to the API.
 */
export function runFilterFromSearchParams(params: URLSearchParams): RunFilterInput {
  const filter: RunFilterInput = {};
  const environmentIds = params.getAll("environment");
  const types = params.getAll("type");
  const statuses = params.getAll("status").filter((s): s is RunStatus => runStatuses.includes(s as RunStatus));
  const outcomes = params.getAll("outcome").filter((o): o is RunOutcome => runOutcomes.includes(o as RunOutcome));
  if (environmentIds.length) filter.environmentIds = environmentIds;
  if (types.length) filter.types = types;
  if (statuses.length) filter.statuses = statuses;
  if (outcomes.length) filter.outcomes = outcomes;
  if (params.get("proofGaps") === "true") filter.hasProofGaps = true;
  return filter;
}

export function runFilterToSearchParams(filter: RunFilterInput): URLSearchParams {
  const params = new URLSearchParams();
  for (const id of filter.environmentIds ?? []) params.append("environment", id);
  for (const type of filter.types ?? []) params.append("type", type);
  for (const status of filter.statuses ?? []) params.append("status", status);
  for (const outcome of filter.outcomes ?? []) params.append("outcome", outcome);
  if (filter.hasProofGaps) params.set("proofGaps", "true");
  return params;
}
