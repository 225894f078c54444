import {
  NEWEST_CREATED,
  type NotificationKind,
  can,
  keysetPageWhere,
  markNotificationsRead,
  notificationsWhere,
  orderByOf,
  unreadNotificationCount,
} from "@atlas/core";
import type { Prisma } from "@atlas/db";
import { builder } from "../builder.ts";
import { requireActor } from "../access.ts";
import type { Context } from "../context.ts";
import { rawIdOf, toGlobalId } from "../ids.ts";
import { requestLoader } from "../request-loaders.ts";
import { registerNodeLoader } from "./node.ts";
import { MessageParam, messageParamsOf } from "./common.ts";
import { OperationRun, operationRunById } from "./operation-run.ts";

/** The restore run each run of a page belongs to (as its execution or its preview), in one query. */
function restoreRunOfRun(context: Context, operationRunId: string): Promise<{ id: string } | null> {
  return requestLoader(context, "restoreRunOfRun", async (runIds: readonly string[]) => {
    const restores = await context.db.restoreRun.findMany({
      where: { OR: [{ operationRunId: { in: [...runIds] } }, { previewOperationRunId: { in: [...runIds] } }] },
      select: { id: true, operationRunId: true, previewOperationRunId: true },
    });
    return runIds.map(
      (runId) => restores.find((restore) => restore.operationRunId === runId || restore.previewOperationRunId === runId) ?? null,
    );
  }).load(operationRunId);
}

export const Notification = builder.prismaNode("Notification", {
  id: { field: "id" },
  description: "An in-app notification of the signed-in user (e.g. a run it started has finished).",
  fields: (t) => ({
    kind: t.exposeString("kind"),
    title: t.exposeString("title"),
    body: t.exposeString("body"),
    params: t.field({
      type: [MessageParam],
      description: "The values of title and body (type, outcome, environment, count, names), so a client can word them from kind.",
      resolve: (notification) => messageParamsOf(notification.params),
    }),
    link: t.string({
      nullable: true,
      description:
        "A path inside the app: for new drift the environment's findings (/fleet/environments/<id>); else the restore run a restore's run belongs to (/restores/<id>), else the run (/runs/<id>).",
      resolve: async (notification, _args, context) => {
        const runId = notification.operationRunId;
        if (!runId) return notification.link;
        if (notification.kind === ("drift.new_findings" satisfies NotificationKind)) {
          const run = await operationRunById(context, runId);
          return run?.managedEnvironmentId
            ? `/fleet/environments/${encodeURIComponent(toGlobalId("ManagedEnvironment", run.managedEnvironmentId))}`
            : notification.link;
        }
        const restore = await restoreRunOfRun(context, runId);
        return restore
          ? `/restores/${encodeURIComponent(toGlobalId("RestoreRun", restore.id))}`
          : `/runs/${encodeURIComponent(toGlobalId("OperationRun", runId))}`;
      },
    }),
    readAt: t.expose("readAt", { type: "DateTime", nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    operationRun: t.field({
      type: OperationRun,
      nullable: true,
      description: "The run it is about, while you may still see it.",
      resolve: async (notification, _args, context) => {
        const run = notification.operationRunId ? await operationRunById(context, notification.operationRunId) : null;
        return run && can(requireActor(context), "operations.read", run) ? run : null;
      },
    }),
  }),
});

registerNodeLoader("Notification", async (ids, actor, context) => {
  const where = notificationsWhere(actor);
  return where ? context.db.notification.findMany({ where: { AND: [where, { id: { in: ids } }] } }) : [];
});

builder.queryFields((t) => ({
  notifications: t.prismaConnection(
    {
      type: "Notification",
      // The cursor is the row's place in the list order (user, created_at, id), opaque to clients.
      cursor: "listOrder",
      description: "Your notifications, newest first (API tokens have none).",
      resolve: ({ cursor, skip: _skipCursorRow, ...query }, _root, _args, context) => {
        const actor = requireActor(context);
        const where = notificationsWhere(actor);
        if (!where || actor.kind !== "user") return [];
        return context.db.notification.findMany({
          ...query,
          where: keysetPageWhere(where, cursor?.listOrder, query.take, NEWEST_CREATED, { userId: actor.userId }),
          orderBy: orderByOf<Prisma.NotificationOrderByWithRelationInput>(NEWEST_CREATED),
        });
      },
      totalCount: (_root, _args, context) => {
        const where = notificationsWhere(requireActor(context));
        return where ? context.db.notification.count({ where }) : 0;
      },
    },
    { name: "NotificationConnection" },
    { name: "NotificationEdge" },
  ),
  unreadNotificationCount: t.int({
    resolve: (_root, _args, context) => unreadNotificationCount(context.db, requireActor(context)),
  }),
}));

const MarkNotificationsReadInput = builder.inputType("MarkNotificationsReadInput", {
  fields: (t) => ({ ids: t.idList({ description: "The notifications to mark; omit (or pass []) to mark all of yours." }) }),
});

const MarkNotificationsReadPayload = builder
  .objectRef<{ markedCount: number; unreadCount: number }>("MarkNotificationsReadPayload")
  .implement({
    fields: (t) => ({
      markedCount: t.exposeInt("markedCount", { description: "How many notifications changed from unread to read." }),
      unreadCount: t.exposeInt("unreadCount"),
    }),
  });

builder.mutationField("markNotificationsRead", (t) =>
  t.field({
    type: MarkNotificationsReadPayload,
    description: "Marks your notifications as read. Ids of other users' notifications are ignored.",
    args: { input: t.arg({ type: MarkNotificationsReadInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      const actor = requireActor(context);
      const requested = input.ids ?? [];
      const ids = requested.map((id) => rawIdOf(String(id), "Notification")).filter((id): id is string => id !== undefined);
      // Only ids that cannot exist were given: mark nothing (an empty list would mean "all").
      const markedCount = requested.length > 0 && ids.length === 0 ? 0 : await markNotificationsRead(context.db, actor, ids);
      return { markedCount, unreadCount: await unreadNotificationCount(context.db, actor) };
    },
  }),
);
