// Public surface of @atlas/graph-client: the provider boundary the worker talks to.

export type {
  BatchItemResult,
  BatchMethod,
  BatchRequest,
  GraphClient,
  GraphObject,
  GraphPage,
  GraphPath,
  PageCursor,
  PagesOptions,
} from "./graph-client.ts";
export { createHttpGraphClient, DEFAULT_AUTHORITY_URL, DEFAULT_GRAPH_URL } from "./http-graph-client.ts";
export type { HttpGraphClientOptions } from "./http-graph-client.ts";
export type { RetryInfo, RetryReason } from "./http-transport.ts";
export { GraphRequestError, isGraphRequestError, sanitizePath } from "./graph-request-error.ts";
export type { ClientSideErrorCode, GraphRequestErrorDetails } from "./graph-request-error.ts";
export { createRequestBudget, INTUNE_PER_APP_LIMITS, requestBudgetForTenant } from "./request-budget.ts";
export type { BudgetClock, RequestBudget, RequestBudgetLimits, RequestCost } from "./request-budget.ts";
export { backoffCeilingMs, computeRetryDelay, DEFAULT_BACKOFF, parseRetryAfterMs } from "./retry-delay.ts";
export type { BackoffSettings, RetryDelay } from "./retry-delay.ts";
export { MAX_BATCH_ITEMS } from "./batch.ts";
export {
  allContracts,
  assignActionPathOf,
  assignmentsPathOf,
  collectionPathOf,
  contractFor,
  isContractKey,
  objectPathOf,
  settingsPathOf,
} from "./contracts.ts";
export type { ContractKey, GraphApiVersion, ObjectContract } from "./contracts.ts";
