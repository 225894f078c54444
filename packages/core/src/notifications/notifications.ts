import { type Db, Prisma } from "@atlas/db";
import type { Actor } from "../access/actor.ts";
import type { NotificationKind } from "../codes.ts";

async function environmentName(db: Pick<Db, "managedEnvironment">, environmentId: string | null): Promise<string | null> {
  if (!environmentId) return null;
  const environment = await db.managedEnvironment.findUnique({ where: { id: environmentId }, select: { name: true } });
  return environment?.name ?? null;
}

/**
 * Tells the user who started a run how it ended, naming the environment: an `insert ... select`
 * over the rows of `moved` (a CTE of just-completed runs in the statement that completes them, see
 * transition.ts), so finishing a run costs no round trip of its own. `params` carry the values (kind
 * NOTIFICATION_KINDS) so the SPA words it in the reader's language; title and body are the English
 * fallback. Runs nobody started (schedules, the system) notify nobody.
 */
export function runFinishedNotificationInsert(moved: string): Prisma.Sql {
  const m = Prisma.raw(moved);
  const kind: NotificationKind = "operation_run.finished";
  return Prisma.sql`
    insert into notifications (user_id, workspace_id, kind, title, body, params, link, operation_run_id)
    select m.initiator_user_id, m.workspace_id, ${kind},
           m.type || ' ' || replace(m.outcome::text, '_', ' ') || coalesce(' · ' || e.name, ''),
           'The ' || m.type || ' run' || coalesce(' in ' || e.name, '') || ' finished with outcome ' || replace(m.outcome::text, '_', ' ') || '.',
           jsonb_build_object('type', m.type, 'outcome', m.outcome::text, 'environment', coalesce(e.name, '')),
           '/runs/' || m.id, m.id
      from ${m} m left join managed_environments e on e.id = m.managed_environment_id
     where m.initiator_user_id is not null`;
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
