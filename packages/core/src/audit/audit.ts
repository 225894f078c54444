import type { Db } from "@atlas/db";
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
  const [actorType, actorId] = actorLabel(input.actor).split(":");
  await db.auditEvent.create({
    data: {
      workspaceId: input.workspaceId,
      managedEnvironmentId: input.environmentId ?? null,
      actorType: actorType ?? "system",
      actorId: actorId ?? null,
      action: input.action,
      targetType: input.targetType,
      targetId: input.targetId ?? null,
      outcome: input.outcome,
      metadata: sanitizeRecord(input.metadata ?? {}) as object,
    },
  });
}
