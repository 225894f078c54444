import type { Db } from "@atlas/db";
import type { Actor } from "../access/actor.ts";

type NotificationWriter = Pick<Db, "notification">;

export async function notifyRunFinished(
  db: NotificationWriter,
  run: { id: string; workspaceId: string; type: string; outcome: string; initiatorUserId: string | null },
): Promise<void> {
  if (!run.initiatorUserId) return;
  await db.notification.create({
    data: {
      userId: run.initiatorUserId,
      workspaceId: run.workspaceId,
      kind: "operation_run.finished",
      title: `${run.type} ${run.outcome.replaceAll("_", " ")}`,
      body: `The ${run.type} run finished with outcome ${run.outcome}.`,
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
  db: Pick<Db, "notification" | "membership">,
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
  await db.notification.createMany({
    data: members.map((member) => ({
      userId: member.userId,
      workspaceId: removal.workspaceId,
      kind: "backup_set.retention_removed",
      title: `Retention removed ${count} backup${count === 1 ? "" : "s"}`,
      body: `The backup schedule's retention rule removed: ${removal.names.join(", ")}.`,
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
