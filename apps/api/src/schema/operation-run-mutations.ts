import { NotFoundError, cancelOperationRun, reconcileRun, startEnvironmentOperationRun } from "@atlas/core";
import type { OperationRun as OperationRunRow } from "@atlas/db";
import { builder } from "../builder.ts";
import { requireActor } from "../access.ts";
import { rawIdOf } from "../ids.ts";
import { asResult, isPayload, payload, resultUnion } from "./errors.ts";
import { OperationRun } from "./operation-run.ts";

export const StartOperationPayload = builder.objectRef<{ run: OperationRunRow; deduplicated: boolean }>("StartOperationPayload").implement({
  description: "The run that was started, or the already active run of the same scope (deduplicated: true).",
  isTypeOf: isPayload,
  fields: (t) => ({
    run: t.field({ type: OperationRun, resolve: (result) => result.run }),
    deduplicated: t.exposeBoolean("deduplicated", {
      description: "True when an active run of the same scope was returned instead of a new one.",
    }),
  }),
});

const OperationRunPayload = builder.objectRef<{ run: OperationRunRow }>("OperationRunPayload").implement({
  isTypeOf: isPayload,
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

const StartInventorySyncResult = resultUnion(
  "StartInventorySyncResult",
  StartOperationPayload,
  "The started (or deduplicated) run, or why it could not start.",
);
const CancelOperationRunResult = resultUnion(
  "CancelOperationRunResult",
  OperationRunPayload,
  "The run after the cancel request, or why it could not be cancelled.",
);
const ReconcileOperationRunResult = resultUnion(
  "ReconcileOperationRunResult",
  OperationRunPayload,
  "The run after its adapter's verdict was applied.",
);

function runIdOf(globalId: string | number): string {
  const id = rawIdOf(String(globalId), "OperationRun");
  if (!id) throw new NotFoundError("Operation run");
  return id;
}

builder.mutationFields((t) => ({
  startInventorySync: t.field({
    type: StartInventorySyncResult,
    description: "Enqueues an inventory sync of one environment (needs inventory.sync); returns the active run when one exists.",
    args: { input: t.arg({ type: StartInventorySyncInput, required: true }) },
    resolve: (_root, { input }, context) =>
      asResult(async () => {
        const environmentId = rawIdOf(String(input.environmentId), "ManagedEnvironment");
        if (!environmentId) throw new NotFoundError("Environment");
        const started = await startEnvironmentOperationRun(context.db, requireActor(context), {
          environmentId,
          type: "inventory.sync",
          capability: "inventory.sync",
        });
        return payload({ run: started.run, deduplicated: started.deduplicated });
      }),
  }),
  cancelOperationRun: t.field({
    type: CancelOperationRunResult,
    description: "Cancels a queued run at once; asks a running one to stop before its next item (needs operations.cancel).",
    args: { input: t.arg({ type: CancelOperationRunInput, required: true }) },
    resolve: (_root, { input }, context) =>
      asResult(async () => payload({ run: await cancelOperationRun(context.db, requireActor(context), runIdOf(input.runId)) })),
  }),
  reconcileOperationRun: t.field({
    type: ReconcileOperationRunResult,
    description: "Asks the run's reconciliation adapter for a verdict now and applies it (needs operations.reconcile).",
    args: { input: t.arg({ type: ReconcileOperationRunInput, required: true }) },
    resolve: (_root, { input }, context) =>
      asResult(async () => {
        const { run } = await reconcileRun(context.db, runIdOf(input.runId), { actor: requireActor(context) });
        return payload({ run });
      }),
  }),
}));
