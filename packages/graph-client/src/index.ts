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
export { GraphRequestError, isGraphRequestError, isWriteOutcomeUnknown, sanitizePath } from "./graph-request-error.ts";
export type { ClientSideErrorCode, GraphRequestErrorDetails, UnknownOutcomeReason } from "./graph-request-error.ts";
export { createRequestBudget, INTUNE_PER_APP_LIMITS, requestBudgetForTenant } from "./request-budget.ts";
export type { BudgetClock, BudgetReservation, RequestBudget, RequestBudgetLimits, RequestCost } from "./request-budget.ts";
export { backoffCeilingMs, computeRetryDelay, DEFAULT_BACKOFF, parseRetryAfterMs } from "./retry-delay.ts";
export type { BackoffSettings, RetryDelay } from "./retry-delay.ts";
export { MAX_BATCH_ITEMS } from "./batch.ts";
export {
  allContracts,
  assignActionPathOf,
  assignmentsPathOf,
  builtInReasonOf,
  identityKeyOf,
  previewOnlyReasonOf,
  collectionPathOf,
  contractFor,
  isContractKey,
  objectPathOf,
  settingsPathOf,
  subCollectionPathOf,
} from "./contracts.ts";
export type {
  ContractDefinition,
  ContractKey,
  DirectoryReference,
  GraphPermissions,
  RestoreEnforcement,
  FoundationDependency,
  FoundationKey,
  GraphApiVersion,
  NormalizationSpec,
  ObjectContract,
  PayloadPath,
  RestoreSupport,
  SubResource,
  UnorderedArray,
} from "./contracts.ts";
export { NO_NOTIFICATION_TEMPLATE_ID } from "./contract-definitions.ts";
export { coverageTableMarkdown, withCoverageTable } from "./coverage-table.ts";
export { CAPTURE_GAP_CODES } from "./capture/capture-types.ts";
export type {
  CaptureCompleteness,
  CapturedObject,
  CaptureGap,
  CaptureGapCode,
  CaptureOptions,
  CaptureOutcome,
} from "./capture/capture-types.ts";
export { normalizeCapture, normalizePayload } from "./normalize/normalize-payload.ts";
export type { JsonValue, NormalizedPayload } from "./normalize/normalize-payload.ts";
export { canonicalJson, contentHash } from "./normalize/canonical-json.ts";
export { foundationReferences } from "./foundation-references.ts";
export type { FoundationReference } from "./foundation-references.ts";
export { restorePayload, RestorePayloadError } from "./restore/restore-payload.ts";
export { DEFAULT_SCOPE_TAG_ID, remapReferences } from "./restore/reference-remap.ts";
export { writtenStateOf } from "./restore/enforcement.ts";
export type {
  CreateAcceptance,
  DirectoryGroup,
  EnforcementPlan,
  IdMap,
  ReferenceKind,
  RestoreMode,
  RestorePayload,
  RestorePayloadOptions,
  SubResourceWrite,
  UnmappedReference,
  WriteAcceptance,
} from "./restore/restore-types.ts";
