import { NotFoundError, confirmRestoreRun, createRestoreRun, setRestoreScope, startRestorePreview } from "@atlas/core";
import type { OperationRun as OperationRunRow, RestoreRun as RestoreRunRow } from "@atlas/db";
import { builder } from "../builder.ts";
import { requireActor } from "../access.ts";
import { rawIdOf } from "../ids.ts";
import { asResult, isPayload, payload, resultUnion } from "./errors.ts";
import { OperationRun } from "./operation-run.ts";
import { RestoreRun, RestoreScopeMode } from "./restore-run.ts";

const RestoreRunPayload = builder.objectRef<{ restoreRun: RestoreRunRow }>("RestoreRunPayload").implement({
  description: "The restore run after the step.",
  isTypeOf: isPayload,
  fields: (t) => ({ restoreRun: t.field({ type: RestoreRun, resolve: (result) => result.restoreRun }) }),
});

const RestorePreviewPayload = builder
  .objectRef<{ restoreRun: RestoreRunRow; run: OperationRunRow; deduplicated: boolean }>("RestorePreviewPayload")
  .implement({
    description: "The restore run and its restore.preview run (the active one when a preview is already running).",
    isTypeOf: isPayload,
    fields: (t) => ({
      restoreRun: t.field({ type: RestoreRun, resolve: (result) => result.restoreRun }),
      run: t.field({ type: OperationRun, resolve: (result) => result.run }),
      deduplicated: t.exposeBoolean("deduplicated", { description: "True when the active preview run was returned instead of a new one." }),
    }),
  });

const CreateRestoreRunInput = builder.inputType("CreateRestoreRunInput", {
  fields: (t) => ({
    backupSetId: t.id({ required: true, description: "A completed backup set." }),
    environmentId: t.id({ required: true, description: "The target environment (its name is frozen as the run's targetLabel)." }),
    dryRun: t.boolean({ description: "Default true: walk the execution without writing." }),
  }),
});
const SetRestoreScopeInput = builder.inputType("SetRestoreScopeInput", {
  fields: (t) => ({
    restoreRunId: t.id({ required: true }),
    backupItemIds: t.idList({ description: "Items of the source backup set." }),
    objectTypes: t.stringList({ description: "Every item of these types." }),
    selectAll: t.boolean({ description: "Every item of the source backup set (ignores the two lists)." }),
    mode: t.field({ type: RestoreScopeMode, required: true }),
  }),
});
const StartRestorePreviewInput = builder.inputType("StartRestorePreviewInput", {
  fields: (t) => ({ restoreRunId: t.id({ required: true }) }),
});
const ConfirmRestoreRunInput = builder.inputType("ConfirmRestoreRunInput", {
  fields: (t) => ({
    restoreRunId: t.id({ required: true }),
    acknowledgeImpact: t.boolean({ required: true, description: '"I reviewed the impact": must be true.' }),
    typedTargetName: t.string({ required: true, description: "The target's name exactly as the run's targetLabel." }),
  }),
});

const RestoreRunResult = resultUnion("RestoreRunResult", RestoreRunPayload, "The restore run after the step, or why the step was refused.");
const StartRestorePreviewResult = resultUnion(
  "StartRestorePreviewResult",
  RestorePreviewPayload,
  "The restore run with its started (or deduplicated) preview run, or why it could not start.",
);

/** Raw id of a global id of the given type; NotFound (like an absent record) otherwise. */
function idOf(globalId: string | number, typename: string, what: string): string {
  const id = rawIdOf(String(globalId), typename);
  if (!id) throw new NotFoundError(what);
  return id;
}

/** A malformed item id is an item that is not in the set: it stays in the list so core reports it. */
const NO_SUCH_ITEM = "00000000-0000-0000-0000-000000000000";

const OPTIONS = { fieldPathPrefix: ["input"] };

builder.mutationFields((t) => ({
  createRestoreRun: t.field({
    type: RestoreRunResult,
    description: "Wizard step 1: source backup set and target environment (needs restore.preview on both). Dry run by default.",
    args: { input: t.arg({ type: CreateRestoreRunInput, required: true }) },
    resolve: (_root, { input }, context) =>
      asResult(async () => {
        const restoreRun = await createRestoreRun(context.db, requireActor(context), {
          backupSetId: idOf(input.backupSetId, "BackupSet", "Backup set"),
          environmentId: idOf(input.environmentId, "ManagedEnvironment", "Environment"),
          dryRun: input.dryRun,
        });
        return payload({ restoreRun });
      }, OPTIONS),
  }),
  setRestoreScope: t.field({
    type: RestoreRunResult,
    description: "Wizard step 2: which items, and how. Replaces the scope and resets checks and preview (status SCOPED).",
    args: { input: t.arg({ type: SetRestoreScopeInput, required: true }) },
    resolve: (_root, { input }, context) =>
      asResult(async () => {
        const restoreRun = await setRestoreScope(context.db, requireActor(context), {
          restoreRunId: idOf(input.restoreRunId, "RestoreRun", "Restore run"),
          backupItemIds: input.backupItemIds?.map((id) => rawIdOf(String(id), "BackupItem") ?? NO_SUCH_ITEM),
          objectTypes: input.objectTypes,
          selectAll: input.selectAll,
          mode: input.mode,
        });
        return payload({ restoreRun });
      }, OPTIONS),
  }),
  startRestorePreview: t.field({
    type: StartRestorePreviewResult,
    description:
      "Wizard steps 3 and 4: enqueues restore.preview (safety checks and per-item diffs, read-only); returns the active one if any.",
    args: { input: t.arg({ type: StartRestorePreviewInput, required: true }) },
    resolve: (_root, { input }, context) =>
      asResult(async () => {
        const { restoreRun, start } = await startRestorePreview(context.db, requireActor(context), {
          restoreRunId: idOf(input.restoreRunId, "RestoreRun", "Restore run"),
        });
        return payload({ restoreRun, run: start.run, deduplicated: start.deduplicated });
      }, OPTIONS),
  }),
  confirmRestoreRun: t.field({
    type: RestoreRunResult,
    description:
      "Wizard step 5: acknowledge the impact and type the target's name; enqueues restore.execute (a live run needs restore.execute). Refused while a check blocks. Stop it with cancelOperationRun on its operationRun.",
    args: { input: t.arg({ type: ConfirmRestoreRunInput, required: true }) },
    resolve: (_root, { input }, context) =>
      asResult(async () => {
        const { restoreRun } = await confirmRestoreRun(context.db, requireActor(context), {
          restoreRunId: idOf(input.restoreRunId, "RestoreRun", "Restore run"),
          acknowledgeImpact: input.acknowledgeImpact,
          typedTargetName: input.typedTargetName,
        });
        return payload({ restoreRun });
      }, OPTIONS),
  }),
}));
