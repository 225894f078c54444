import { isOneOf } from "../../graphql/enums";
import type { OperationRunFilter } from "../../graphql/generated/graphql";
import { runOutcomes, runStatuses } from "./runEnums";

/**
 * The monitor's filter lives in the URL so a filtered view survives reload and can be shared.
 * Unknown enum values in a hand-edited URL are dropped rather than sent to the API.
 */
export function runFilterFromSearchParams(params: URLSearchParams): OperationRunFilter {
  const filter: OperationRunFilter = {};
  const environmentIds = params.getAll("environment");
  const types = params.getAll("type");
  const statuses = params.getAll("status").filter((status) => isOneOf(runStatuses, status));
  const outcomes = params.getAll("outcome").filter((outcome) => isOneOf(runOutcomes, outcome));
  if (environmentIds.length) filter.environmentIds = environmentIds;
  if (types.length) filter.types = types;
  if (statuses.length) filter.statuses = statuses;
  if (outcomes.length) filter.outcomes = outcomes;
  if (params.get("proofGaps") === "true") filter.hasProofGaps = true;
  return filter;
}

export function runFilterToSearchParams(filter: OperationRunFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const id of filter.environmentIds ?? []) params.append("environment", id);
  for (const type of filter.types ?? []) params.append("type", type);
  for (const status of filter.statuses ?? []) params.append("status", status);
  for (const outcome of filter.outcomes ?? []) params.append("outcome", outcome);
  if (filter.hasProofGaps) params.set("proofGaps", "true");
  return params;
}
