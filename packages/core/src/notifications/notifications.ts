import type { Db } from "@atlas/db";
import type { Actor } from "../access/actor.ts";
import type { NotificationKind } from "../codes.ts";

type NotificationWriter = Pick<Db, "notification" | "managedEnvironment">;

async function environmentName(db: Pick<Db, "managedEnvironment">, environmentId: string | null): Promise<string | null> {
  if (!environmentId) return null;
  const environment = await db.managedEnvironment.findUnique({ where: { id: environmentId }, select: { name: true } });
  return environment?.name ?? null;
}

/**
 * Tells the user who started a run how it ended, naming the environment. `params` carry the values
 * (kind NOTIFICATION_KINDS) so the SPA words it in the reader's language; title and body are the
 * English fallback.
 */
export async function notifyRunFinished(
  db: NotificationWriter,
  run: {
    id: string;
    workspaceId: string;
    managedEnvironmentId: string | null;
    type: string;
    outcome: string;
    initiatorUserId: string | null;
  },
): Promise<void> {
  if (!run.initiatorUserId) return;
  const environment = await environmentName(db, run.managedEnvironmentId);
  const where = environment ? ` in ${environment}` : "";
  await db.notification.create({
    data: {
      userId: run.initiatorUserId,
      workspaceId: run.workspaceId,
      kind: "operation_run.finished" satisfies NotificationKind,
      title: `${run.type} ${run.outcome.replaceAll("_", " ")}${environment ? ` · ${environment}` : ""}`,
      body: `The ${run.type} run${where} finished with outcome ${run.outcome.replaceAll("_", " ")}.`,
      params: { type: run.type, outcome: run.outcome, environment: environment ?? "" },
      link: `/runs/${run.id}`,
      operationRunId: run.id,
    },
  });
}

/**
 * Tells everyone who may manage the environment's schedule (owners and managers whose membership
 * covers it) which backup sets retention removed.
 */
export async function notifyBackupSetsRemoved(
  db: Pick<Db, "notification" | "membership" | "managedEnvironment">,
  removal: { workspaceId: string; environmentId: string; names: string[] },
): Promise<void> {
  const members = await db.membership.findMany({
    where: {
      workspaceId: removal.workspaceId,
      role: { in: ["owner", "manager"] },
      OR: [{ environmentIds: { isEmpty: true } }, { environmentIds: { has: removal.environmentId } }],
    },
    select: { userId: true },
  });
  const count = removal.names.length;
  const environment = (await environmentName(db, removal.environmentId)) ?? "";
  await db.notification.createMany({
    data: members.map((member) => ({
      userId: member.userId,
      workspaceId: removal.workspaceId,
      kind: "backup_set.retention_removed" satisfies NotificationKind,
      title: `Retention removed ${count} backup${count === 1 ? "" : "s"} of ${environment}`,
      body: `The backup schedule's retention rule of ${environment} removed: ${removal.names.join(", ")}.`,
      params: { count, environment, names: removal.names.join(", ") },
      link: "/backups",
    })),
  });
}

function userIdOf(actor: Actor): string | undefined {
  return actor.kind === "user" ? actor.userId : undefined;
}

/** Marks the given notifications (or all when ids is empty) of the actor as read. */
export async function markNotificationsRead(db: Db, actor: Actor, ids: string[]): Promise<number> {
  const userId = userIdOf(actor);
  if (!userId) return 0;
  const result = await db.notification.updateMany({
    where: { userId, readAt: null, ...(ids.length > 0 ? { id: { in: ids } } : {}) },
    data: { readAt: new Date() },
  });
  return result.count;
}
