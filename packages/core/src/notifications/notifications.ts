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
