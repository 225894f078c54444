import type { Db, Prisma } from "@atlas/db";
import type { Actor } from "../access/actor.ts";

/**
 * The notifications an actor may see: a user's own. API tokens and the system have none, so the
 * filter matches nothing for them (undefined).
 */
export function notificationsWhere(actor: Actor): Prisma.NotificationWhereInput | undefined {
  return actor.kind === "user" ? { userId: actor.userId } : undefined;
}

export async function unreadNotificationCount(db: Db, actor: Actor): Promise<number> {
  const where = notificationsWhere(actor);
  return where ? db.notification.count({ where: { ...where, readAt: null } }) : 0;
}
