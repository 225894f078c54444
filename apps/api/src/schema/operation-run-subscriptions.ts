import { assertVisible, can, getVisibleRun, runMatchesSubscription } from "@atlas/core";
import type { OperationRun as OperationRunRow } from "@atlas/db";
import { builder } from "../builder.ts";
import { requireActor } from "../access.ts";
import type { Context } from "../context.ts";
import { rawIdsOf, requireRawId } from "../ids.ts";
import type { RunInterest } from "../live/run-events.ts";
import { OperationRun } from "./operation-run.ts";

/** Subscribes first, then reads the current state, so no change between the two is lost. */
async function listen(context: Context, interest: RunInterest, initial?: () => Promise<OperationRunRow>) {
  const events = context.pubsub.subscribe(interest);
  try {
    await context.pubsub.ready().catch(() => {}); // a lost LISTEN reconnects and replays what it missed
    const first = initial ? await initial() : undefined;
    return (async function* () {
      try {
        if (first) yield first;
        yield* events;
      } finally {
        await events.return?.();
      }
    })();
  } catch (error) {
    await events.return?.();
    throw error;
  }
}

builder.subscriptionFields((t) => ({
  operationRunUpdated: t.field({
    type: OperationRun,
    description: "The run's current state at once, then every change (at most one per 250 ms, always the latest).",
    args: { id: t.arg.id({ required: true }) },
    subscribe: (_root, args, context) => {
      const actor = requireActor(context);
      const runId = requireRawId(args.id, "OperationRun", "Operation run");
      return listen(
        context,
        {
          wants: (change) => change.id === runId,
          accepts: (run) => run.id === runId && can(actor, "operations.read", run),
        },
        () => getVisibleRun(context.db, actor, runId),
      );
    },
    resolve: (run) => run,
  }),
  operationRunsChanged: t.field({
    type: OperationRun,
    description: "Every run of the workspace (optionally of some environments) that changes, as it changes.",
    args: { workspaceId: t.arg.id({ required: true }), environmentIds: t.arg.idList() },
    subscribe: (_root, args, context) => {
      const actor = requireActor(context);
      const workspaceId = requireRawId(args.workspaceId, "Workspace", "Workspace");
      assertVisible(actor, workspaceId, null, "Workspace");
      const environmentIds = rawIdsOf(args.environmentIds, "ManagedEnvironment");
      return listen(context, {
        wants: (change) => change.workspaceId === workspaceId,
        accepts: (run) => runMatchesSubscription(actor, run, workspaceId, environmentIds),
      });
    },
    resolve: (run) => run,
  }),
}));
