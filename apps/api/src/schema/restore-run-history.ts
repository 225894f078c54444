import { countRestoreRunHistory, restoreRunHistory, visibleRestoreRunEvents } from "@atlas/core";
import { builder } from "../builder.ts";
import { requireActor } from "../access.ts";
import { registerNodeLoader } from "./node.ts";
import { RestoreRunStatus } from "./restore-run.ts";

export const RestoreRunEvent = builder.prismaNode("RestoreRunEvent", {
  id: { field: "id" },
  description: "One entry of a restore run's append-only status history: a status move, or a move that was refused.",
  fields: (t) => ({
    kind: t.exposeString("kind", { description: "transition (the status moved) or rejected_transition (the move was refused)." }),
    fromStatus: t.expose("fromStatus", { type: RestoreRunStatus, description: "The status before (the status it kept, when refused)." }),
    toStatus: t.expose("toStatus", { type: RestoreRunStatus, description: "The status moved to (or asked for, when refused)." }),
    reasonCode: t.exposeString("reasonCode", {
      description: "Why the move was asked for, e.g. scope_set, previewed, confirmed, execution_started, execution_finished, cancelled.",
    }),
    message: t.exposeString("message", { nullable: true, description: "Sanitized detail; for a refused move, why it was refused." }),
    actor: t.exposeString("actor", { description: "Who caused it, e.g. user:<id>, token:<id>, system:worker." }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.prismaObjectFields("RestoreRun", (t) => ({
  events: t.prismaConnection(
    {
      type: "RestoreRunEvent",
      cursor: "id",
      description: "The restore run's status history, oldest first, refused moves included (needs restore.read, as the run does).",
      resolve: (query, run, _args, context) => restoreRunHistory(context.db, requireActor(context), run.id, query),
      totalCount: (run, _args, context) => countRestoreRunHistory(context.db, requireActor(context), run.id),
    },
    { name: "RestoreRunEventConnection" },
    { name: "RestoreRunEventEdge" },
  ),
}));

// parseGlobalId only lets well-formed bigint ids through for this type.
registerNodeLoader("RestoreRunEvent", (ids, actor, context) =>
  visibleRestoreRunEvents(
    context.db,
    actor,
    ids.map((id) => BigInt(id)),
  ),
);
