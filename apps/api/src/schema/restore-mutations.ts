import { confirmRestoreRun, createRestoreRun, setRestoreScope, startRestorePreview } from "@atlas/core";
import type { OperationRun as OperationRunRow, RestoreRun as RestoreRunRow } from "@atlas/db";
import { builder } from "../builder.ts";
import { requireActor } from "../access.ts";
import { rawIdsOf, requireRawId } from "../ids.ts";
import { resultUnion } from "./errors.ts";
import { OperationRun } from "./operation-run.ts";
import { RestoreRun, RestoreScopeMode } from "./restore-run.ts";

const RestoreRunPayload = builder.objectRef<{ restoreRun: RestoreRunRow }>("RestoreRunPayload").implement({
  description: "The restore run after the step.",
  fields: (t) => ({ restoreRun: t.field({ type: RestoreRun, resolve: (result) => result.restoreRun }) }),
});

const RestorePreviewPayload = builder
  .objectRef<{ restoreRun: RestoreRunRow; run: OperationRunRow; deduplicated: boolean }>("RestorePreviewPayload")
  .implement({
    description: "The restore run and its restore.preview run (the active one when a preview is already running).",
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
    switchedOnItemIds: t.idList({
      description:
        "Conditional Access policies of the scope (backup item ids) to write switched on (state enabled): the operator's switch on the preview row. Every other Conditional Access policy is written report-only (enabledForReportingButNotEnforced), a disabled one stays disabled. A switched-on policy whose conditions exclude no directory role, user or group in the target is a blocking safety check (lockout). Any other item here is a ValidationError. Changing the choice changes the scope: run the preview again.",
    }),
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
    scopeVersion: t.int({
      description:
        "The RestoreRun.scopeVersion you reviewed: a ConflictError answers when the scope changed since (omitted: the version the server reads).",
    }),
  }),
});

const RESTORE_RUN_RESULT = resultUnion("RestoreRunResult", "The restore run after the step, or why the step was refused.");

const restoreRunIdOf = (globalId: string | number) => requireRawId(globalId, "RestoreRun", "Restore run");

builder.mutationFields((t) => ({
  createRestoreRun: t.field({
    type: RestoreRunPayload,
    errors: RESTORE_RUN_RESULT,
    description: "Wizard step 1: source backup set and target environment (needs restore.preview on both). Dry run by default.",
    args: { input: t.arg({ type: CreateRestoreRunInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      const restoreRun = await createRestoreRun(context.db, requireActor(context), {
        backupSetId: requireRawId(input.backupSetId, "BackupSet", "Backup set"),
        environmentId: requireRawId(input.environmentId, "ManagedEnvironment", "Environment"),
        dryRun: input.dryRun,
      });
      return { restoreRun };
    },
  }),
  setRestoreScope: t.field({
    type: RestoreRunPayload,
    errors: RESTORE_RUN_RESULT,
    description: "Wizard step 2: which items, and how. Replaces the scope and resets checks and preview (status SCOPED).",
    args: { input: t.arg({ type: SetRestoreScopeInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      const restoreRun = await setRestoreScope(context.db, requireActor(context), {
        restoreRunId: restoreRunIdOf(input.restoreRunId),
        // A malformed item id is an item that is not in the set: it stays in the list so core reports it.
        backupItemIds: rawIdsOf(input.backupItemIds, "BackupItem"),
        objectTypes: input.objectTypes,
        selectAll: input.selectAll,
        mode: input.mode,
        switchedOnItemIds: rawIdsOf(input.switchedOnItemIds, "BackupItem"),
      });
      return { restoreRun };
    },
  }),
  startRestorePreview: t.field({
    type: RestorePreviewPayload,
    errors: resultUnion(
      "StartRestorePreviewResult",
      "The restore run with its started (or deduplicated) preview run, or why it could not start.",
    ),
    description:
      "Wizard steps 3 and 4: enqueues restore.preview (safety checks and per-item diffs, read-only); returns the active one if any.",
    args: { input: t.arg({ type: StartRestorePreviewInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      const { restoreRun, start } = await startRestorePreview(context.db, requireActor(context), {
        restoreRunId: restoreRunIdOf(input.restoreRunId),
      });
      return { restoreRun, ...start };
    },
  }),
  confirmRestoreRun: t.field({
    type: RestoreRunPayload,
    errors: RESTORE_RUN_RESULT,
    description:
      "Wizard step 5: acknowledge the impact and type the target's name; enqueues restore.execute (a live run needs restore.execute). Refused while a check blocks; ConflictError when the scope changed after its preview. Stop it with cancelOperationRun on its operationRun.",
    args: { input: t.arg({ type: ConfirmRestoreRunInput, required: true }) },
    resolve: (_root, { input }, context) =>
      confirmRestoreRun(context.db, requireActor(context), {
        restoreRunId: restoreRunIdOf(input.restoreRunId),
        acknowledgeImpact: input.acknowledgeImpact,
        typedTargetName: input.typedTargetName,
        scopeVersion: input.scopeVersion,
      }),
  }),
}));
