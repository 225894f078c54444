import { Prisma } from "@atlas/db";

/**
 * The columns of an operation run under their Prisma field names, for the fused statements that
 * write a run and return it in one round trip (start, transitions): a raw `returning` answers the
 * same object `db.operationRun` would.
 */
export function runColumns(alias: string): Prisma.Sql {
  const a = Prisma.raw(alias);
  return Prisma.sql`${a}.id, ${a}.workspace_id as "workspaceId", ${a}.managed_environment_id as "managedEnvironmentId",
    ${a}.type, ${a}.target_key as "targetKey", ${a}.status::text as status, ${a}.outcome::text as outcome,
    ${a}.initiator_user_id as "initiatorUserId", ${a}.initiator_token_id as "initiatorTokenId",
    ${a}.summary_counts as "summaryCounts", ${a}.progress, ${a}.context,
    ${a}.failure_reason_code as "failureReasonCode", ${a}.failure_message as "failureMessage",
    ${a}.has_proof_gaps as "hasProofGaps", ${a}.enqueue_attempts as "enqueueAttempts", ${a}.worker_id as "workerId",
    ${a}.last_heartbeat_at as "lastHeartbeatAt", ${a}.reconcile_deadline_at as "reconcileDeadlineAt",
    ${a}.created_at as "createdAt", ${a}.started_at as "startedAt", ${a}.completed_at as "completedAt",
    ${a}.updated_at as "updatedAt"`;
}
