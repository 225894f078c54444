import { cancelOperationRun, reconcileRun, rerunOperationRun, startEnvironmentOperationRun } from "@atlas/core";
import type { OperationRun as OperationRunRow } from "@atlas/db";
import { builder } from "../builder.ts";
import { requireActor } from "../access.ts";
import { requireRawId } from "../ids.ts";
import { resultUnion } from "./errors.ts";
import { OperationRun } from "./operation-run.ts";

export const StartOperationPayload = builder.objectRef<{ run: OperationRunRow; deduplicated: boolean }>("StartOperationPayload").implement({
  description: "The run that was started, or the already active run of the same scope (deduplicated: true).",
  fields: (t) => ({
    run: t.field({ type: OperationRun, resolve: (result) => result.run }),
    deduplicated: t.exposeBoolean("deduplicated", {
      description: "True when an active run of the same scope was returned instead of a new one.",
    }),
  }),
});

const OperationRunPayload = builder.objectRef<{ run: OperationRunRow }>("OperationRunPayload").implement({
  fields: (t) => ({ run: t.field({ type: OperationRun, resolve: (result) => result.run }) }),
});

const StartInventorySyncInput = builder.inputType("StartInventorySyncInput", {
  fields: (t) => ({ environmentId: t.id({ required: true }) }),
});
const CancelOperationRunInput = builder.inputType("CancelOperationRunInput", {
  fields: (t) => ({ runId: t.id({ required: true }) }),
});
const ReconcileOperationRunInput = builder.inputType("ReconcileOperationRunInput", {
  fields: (t) => ({ runId: t.id({ required: true }) }),
});

const RerunOperationRunInput = builder.inputType("RerunOperationRunInput", {
  fields: (t) => ({ runId: t.id({ required: true }) }),
});

const runIdOf = (globalId: string | number) => requireRawId(globalId, "OperationRun", "Operation run");

builder.mutationFields((t) => ({
  startInventorySync: t.field({
    type: StartOperationPayload,
    errors: resultUnion("StartInventorySyncResult", "The started (or deduplicated) run, or why it could not start."),
    description: "Enqueues an inventory sync of one environment (needs inventory.sync); returns the active run when one exists.",
    args: { input: t.arg({ type: StartInventorySyncInput, required: true }) },
    resolve: (_root, { input }, context) =>
      startEnvironmentOperationRun(context.db, requireActor(context), {
        environmentId: requireRawId(input.environmentId, "ManagedEnvironment", "Environment"),
        type: "inventory.sync",
        capability: "inventory.sync",
      }),
  }),
  cancelOperationRun: t.field({
    type: OperationRunPayload,
    errors: resultUnion("CancelOperationRunResult", "The run after the cancel request, or why it could not be cancelled."),
    description: "Cancels a queued run at once; asks a running one to stop before its next item (needs operations.cancel).",
    args: { input: t.arg({ type: CancelOperationRunInput, required: true }) },
    resolve: async (_root, { input }, context) => ({
      run: await cancelOperationRun(context.db, requireActor(context), runIdOf(input.runId)),
    }),
  }),
  rerunOperationRun: t.field({
    type: StartOperationPayload,
    errors: resultUnion("RerunOperationRunResult", "The started (or deduplicated) run, or why it could not start."),
    description:
      "Starts the operation of a finished run again with the same scope (same capability and deduplication as its start); restores are planned in the wizard.",
    args: { input: t.arg({ type: RerunOperationRunInput, required: true }) },
    resolve: (_root, { input }, context) => rerunOperationRun(context.db, requireActor(context), runIdOf(input.runId)),
  }),
  reconcileOperationRun: t.field({
    type: OperationRunPayload,
    errors: resultUnion("ReconcileOperationRunResult", "The run after its adapter's verdict was applied."),
    description: "Asks the run's reconciliation adapter for a verdict now and applies it (needs operations.reconcile).",
    args: { input: t.arg({ type: ReconcileOperationRunInput, required: true }) },
    resolve: (_root, { input }, context) => reconcileRun(context.db, runIdOf(input.runId), { actor: requireActor(context) }),
  }),
}));
