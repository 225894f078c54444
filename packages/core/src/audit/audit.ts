import { type Db, Prisma } from "@atlas/db";
import { type Actor, actorLabel } from "../access/actor.ts";
import { sanitizeRecord } from "../security/sanitize.ts";

export interface AuditInput {
  workspaceId: string;
  environmentId?: string | null;
  actor: Actor;
  action: string;
  targetType: string;
  targetId?: string | null;
  outcome: "success" | "failure" | "denied" | string;
  metadata?: Record<string, unknown>;
}

type AuditWriter = Pick<Db, "auditEvent">;

/** Append-only record of who did what, where, with which outcome. Metadata is sanitized. */
export async function recordAuditEvent(db: AuditWriter, input: AuditInput): Promise<void> {
  const { actorType, actorId } = auditActor(input.actor);
  await db.auditEvent.create({
    data: {
      workspaceId: input.workspaceId,
      managedEnvironmentId: input.environmentId ?? null,
      actorType,
      actorId,
      action: input.action,
      targetType: input.targetType,
      targetId: input.targetId ?? null,
      outcome: input.outcome,
      metadata: sanitizeRecord(input.metadata ?? {}) as object,
    },
  });
}

/** How an actor is stored in an audit event's actor columns. */
export function auditActor(actor: Actor): { actorType: string; actorId: string | null } {
  const [actorType, actorId] = actorLabel(actor).split(":");
  return { actorType: actorType ?? "system", actorId: actorId ?? null };
}

/**
 * The head of an `insert ... select` into audit events, for a statement that audits the rows it
 * writes in the same round trip (run start and completion). The select supplies, in order:
 * workspace, environment, actor type, actor id, action, target type, target id, outcome, metadata;
 * metadata must hold only values that cannot carry a secret (ids, types, codes).
 */
export const AUDIT_INSERT = Prisma.sql`insert into audit_events
  (workspace_id, managed_environment_id, actor_type, actor_id, action, target_type, target_id, outcome, metadata)`;
