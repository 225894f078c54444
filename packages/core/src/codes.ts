// The codes the API can send besides its GraphQL enums. Each list is the one place that names the
// codes of its family: the producers are typed against them, and the SPA's label test walks them so a
// new code cannot reach a user without an English and a German label.

import { allContracts, CAPTURE_GAP_CODES, type ContractKey } from "@atlas/graph-client";
import { type OperationType, taskForOperationType } from "@atlas/jobs";

export const OPERATION_TYPES = Object.keys(taskForOperationType) as OperationType[];

/** Intune object types (the contract registry's keys). */
export const OBJECT_TYPES: readonly ContractKey[] = allContracts.map((contract) => contract.key);

/** Requirements of a success proof that can fail, from every reconciliation adapter and capture. */
export const PROOF_GAP_CODES = [
  "EXECUTION_NOT_FINISHED",
  "PROVIDER_TOTALS_MISSING",
  "PROVIDER_TOTAL_MISSING",
  "INVENTORY_COUNT_MISMATCH",
  "PROVIDER_COUNT_NOT_MET",
  "PREVIOUS_OBJECTS_UNCONFIRMED",
  "SETTINGS_COUNT_NOT_MET",
  "BACKUP_SET_MISSING",
  "BACKUP_SET_NOT_SEALED",
  "TYPE_INCOMPLETE",
  "VERSION_MISSING",
  "RESTORE_RUN_MISSING",
  "PREVIEW_SUPERSEDED",
  "PREVIEW_INCOMPLETE",
  "SCOPE_MISMATCH",
  "DRY_RUN_ONLY",
  "NOT_TERMINAL",
  "ITEMS_NOT_ALL_APPLIED",
  "TARGET_COLLISION",
  "PROVIDER_ACCEPTANCE_MISSING",
  "VERIFICATION_MISSING",
  "VERIFICATION_INCOMPLETE",
  "VERIFICATION_MISMATCH",
  "AUDIT_ACTOR_MISSING",
  "AUDIT_MISSING",
  "FINGERPRINT_MISSING",
  "REVIEW_OTHER_SCOPE",
  "REVIEW_AMBIGUOUS",
  "REVIEW_NOT_READY",
  "REVIEW_NOT_THE_RUNS",
  "DRIFT_TYPE_NOT_CHECKED",
  ...Object.values(CAPTURE_GAP_CODES),
] as const;
export type ProofGapCode = (typeof PROOF_GAP_CODES)[number];

/** Why an adapter decided as it did (Reconciliation.reasonCode). */
export const RECONCILIATION_REASON_CODES = [
  "no_adapter",
  "proof_deadline_passed",
  "execution_in_progress",
  "inventory_incomplete",
  "inventory_matches_provider",
  "backup_set_missing",
  "backup_complete",
  "backup_incomplete",
  "version_missing",
  "snapshot_incomplete",
  "snapshot_captured",
  "restore_run_missing",
  "scope_mismatch",
  "dry_run_only",
  "not_terminal",
  "recovery_proven",
  "nothing_applied",
  "mixed_results",
  "proof_missing",
  "verification_failed",
  "audit_actor_missing",
  "superseded",
  "preview_incomplete",
  "preview_complete",
  "fingerprint_missing",
  "review_scope_mismatch",
  "review_ambiguous",
  "review_missing",
  "review_mismatch",
  "review_matches_fingerprint",
  "drift_check_complete",
  "drift_check_incomplete",
] as const;
export type ReconciliationReasonCode = (typeof RECONCILIATION_REASON_CODES)[number];

export const PROVIDER_FAILURE_CODES = ["PROVIDER_CREDENTIALS_REFUSED", "PROVIDER_CONSENT_MISSING", "PROVIDER_UNREACHABLE"] as const;
export type ProviderFailureCode = (typeof PROVIDER_FAILURE_CODES)[number];

/**
 * Why a run event happened or a run failed (OperationRunEvent.reasonCode, RunFailure.reasonCode).
 * Besides these: the reconciliation reasons, the provider failure codes and `provider_<graph code>`
 * for a provider error without a code of its own (shown with a generic label).
 */
export const RUN_EVENT_REASON_CODES = [
  "started",
  "claimed",
  "resumed",
  "cancelled",
  "job_lost",
  "worker_lost",
  "execution_failed",
  "previewed",
  "operation_run_succeeded",
  "operation_run_partially_succeeded",
  "operation_run_failed",
  "operation_run_blocked",
  "operation_run_cancelled",
  "review_compose_failed",
] as const;
export type RunEventReasonCode = (typeof RUN_EVENT_REASON_CODES)[number];

export const SAFETY_CHECK_CODES = [
  "TARGET_NOT_CONNECTED",
  ...PROVIDER_FAILURE_CODES,
  "SAME_TENANT",
  "PREVIEW_ONLY_TYPE",
  "BUILT_IN_NOT_RESTORED",
  "PREVIEW_ONLY_OBJECT",
  "VERSION_MISSING",
  "BACKUP_INCOMPLETE",
  "BACKUP_ITEM_INCOMPLETE",
  "TARGET_COLLISION",
  "IDENTITY_AMBIGUOUS",
  "REFERENCE_UNMAPPED",
  "CONDITIONAL_ACCESS_REPORT_ONLY",
  "CONDITIONAL_ACCESS_ENFORCED",
  "CONDITIONAL_ACCESS_LOCKOUT",
] as const;
export type SafetyCheckCode = (typeof SAFETY_CHECK_CODES)[number];

/** ResultAttention.primaryCauseFamily. */
export const ATTENTION_CAUSE_FAMILIES = [
  "unmapped_references",
  "provider_throttling",
  "provider_rejected",
  "verification_mismatch",
  "verification_missing",
  "audit_missing",
  "cancelled",
  "other",
] as const;
export type AttentionCauseFamily = (typeof ATTENTION_CAUSE_FAMILIES)[number];

/** ResultAttention.summaryCode: the summary's wording, its numbers in summaryParams. */
export const ATTENTION_SUMMARY_CODES = [
  "live_writing",
  "dry_run_walked",
  "dry_run_unfinished",
  "executing_nothing_written",
  "not_executed",
  "cancelled_after",
  "none_restored",
  "partly_restored",
  "all_verified",
  "written_not_proven",
] as const;
export type AttentionSummaryCode = (typeof ATTENTION_SUMMARY_CODES)[number];

/** ResultAttention.primaryNextActionCode. */
export const ATTENTION_NEXT_ACTION_CODES = [
  "watch_run",
  "start_live_from_plan",
  "confirm_restore",
  "run_preview",
  "review_applied_then_rest",
  "fix_failed_items",
  "create_missing_references",
  "open_unapplied_items",
  "none",
  "compare_mismatched",
  "recheck_proof",
] as const;
export type AttentionNextActionCode = (typeof ATTENTION_NEXT_ACTION_CODES)[number];

/** ResultAttention.recoveryClaimBoundaryCode. */
export const ATTENTION_CLAIM_CODES = ["not_yet_claimed", "nothing_written", "not_proven", "proven", "completed_not_proven"] as const;
export type AttentionClaimCode = (typeof ATTENTION_CLAIM_CODES)[number];

export const NOTIFICATION_KINDS = ["operation_run.finished", "backup_set.retention_removed", "drift.new_findings"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const RECONCILIATION_ADAPTERS = [
  "inventorySyncAdapter",
  "backupCaptureAdapter",
  "policySnapshotAdapter",
  "restorePreviewAdapter",
  "restoreExecuteAdapter",
  "environmentReviewComposeAdapter",
  "driftCheckAdapter",
] as const;
export type ReconciliationAdapterName = (typeof RECONCILIATION_ADAPTERS)[number];

/** Names of system actors (`system:<name>`); a worker acts as `system:worker:<id>`. */
export const SYSTEM_ACTOR_NAMES = ["worker", "login-throttle", "stale-sweep", "restore", "restore.execute", "restore.preview"] as const;
export type SystemActorName = (typeof SYSTEM_ACTOR_NAMES)[number];

/** Values a message's parameters take: numbers and plain strings (an object type key, a name). */
export type MessageParams = Record<string, string | number>;

export { ROLES, type Role } from "./access/capabilities.ts";

/** Kinds of run timeline events (OperationRunEvent.kind). */
export const RUN_EVENT_KINDS = ["transition", "rejected_transition", "note", "step"] as const;
export type RunEventKind = (typeof RUN_EVENT_KINDS)[number];

/** What a `step` event of a run's timeline says (OperationRunEvent.reasonCode), its values in params. */
export const RUN_STEP_CODES = ["type_read"] as const;
export type RunStepCode = (typeof RUN_STEP_CODES)[number];

/** SummaryCount keys besides object types (inventory and backup runs count per OBJECT_TYPES key). */
export const SUMMARY_COUNT_KEYS = [
  "total",
  "newVersions",
  "succeeded",
  "failed",
  "skipped",
  "partial",
  "non_applied",
  "foundations_skipped",
  "not_applicable",
  "create",
  "update",
  "noChange",
  "skip",
  "findings",
] as const;
export type SummaryCountKey = (typeof SUMMARY_COUNT_KEYS)[number];
