import { NotFoundError, assertVisible, canSeeEnvironment, getVisibleRun, runMatchesSubscription } from "@atlas/core";
import type { OperationRun as OperationRunRow } from "@atlas/db";
import { builder } from "../builder.ts";
import { requireActor } from "../access.ts";
import type { Context } from "../context.ts";
import { rawIdOf } from "../ids.ts";
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
      const runId = rawIdOf(String(args.id), "OperationRun");
      if (!runId) throw new NotFoundError("Operation run");
      return listen(
        context,
        {
          wants: (change) => change.id === runId,
          accepts: (run) => run.id === runId && canSeeEnvironment(actor, run.workspaceId, run.managedEnvironmentId),
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
      const workspaceId = rawIdOf(String(args.workspaceId), "Workspace");
      if (!workspaceId) throw new NotFoundError("Workspace");
      assertVisible(actor, workspaceId, null, "Workspace");
      const requested = args.environmentIds ?? [];
      const environmentIds = requested
        .map((id) => rawIdOf(String(id), "ManagedEnvironment"))
        .filter((id): id is string => id !== undefined);
      // Only ids that cannot exist: nothing can match (an empty list would mean every environment).
      const none = requested.length > 0 && environmentIds.length === 0;
      return listen(context, {
        wants: (change) => !none && change.workspaceId === workspaceId,
        accepts: (run) => !none && runMatchesSubscription(actor, run, workspaceId, environmentIds),
      });
    },
    resolve: (run) => run,
  }),
}));
