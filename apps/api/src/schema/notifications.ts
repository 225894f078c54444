import {
  NotFoundError,
  type NotificationKind,
  getVisibleRun,
  markNotificationsRead,
  notificationsWhere,
  unreadNotificationCount,
} from "@atlas/core";
import { builder } from "../builder.ts";
import { requireActor } from "../access.ts";
import { rawIdOf, toGlobalId } from "../ids.ts";
import { registerNodeLoader } from "./node.ts";
import { MessageParam, messageParamsOf } from "./common.ts";
import { OperationRun } from "./operation-run.ts";

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
          const run = await context.db.operationRun.findUnique({ where: { id: runId }, select: { managedEnvironmentId: true } });
          return run?.managedEnvironmentId
            ? `/fleet/environments/${encodeURIComponent(toGlobalId("ManagedEnvironment", run.managedEnvironmentId))}`
            : notification.link;
        }
        const restore = await context.db.restoreRun.findFirst({
          where: { OR: [{ operationRunId: runId }, { previewOperationRunId: runId }] },
          select: { id: true },
        });
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
        if (!notification.operationRunId) return null;
        return getVisibleRun(context.db, requireActor(context), notification.operationRunId).catch((error) => {
          if (error instanceof NotFoundError) return null;
          throw error;
        });
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
      cursor: "id",
      description: "Your notifications, newest first (API tokens have none).",
      resolve: (query, _root, _args, context) => {
        const where = notificationsWhere(requireActor(context));
        return where ? context.db.notification.findMany({ ...query, where, orderBy: [{ createdAt: "desc" }, { id: "desc" }] }) : [];
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
