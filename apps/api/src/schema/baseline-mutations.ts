import { assignBaseline, createBaselineFromBackup, editBaseline, importBaseline, unassignBaseline, ValidationError } from "@atlas/core";
import type { Baseline as BaselineRow } from "@atlas/db";
import { builder } from "../builder.ts";
import { requireActor } from "../access.ts";
import { rawIdsOf, requireRawId } from "../ids.ts";
import { Baseline } from "./baseline.ts";
import { resultUnion } from "./errors.ts";

const BaselinePayload = builder.objectRef<{ baseline: BaselineRow }>("BaselinePayload").implement({
  fields: (t) => ({ baseline: t.field({ type: Baseline, resolve: (result) => result.baseline }) }),
});

const BaselineFileInput = builder.inputType("BaselineFileInput", {
  description: "One file as it was exported (UTF-8 or UTF-16, with or without a byte order mark), its bytes in base64.",
  fields: (t) => ({
    name: t.string({ required: true, description: "The file's name, as listed when it is not recognized." }),
    contentBase64: t.string({ required: true }),
  }),
});

const CreateBaselineFromBackupInput = builder.inputType("CreateBaselineFromBackupInput", {
  fields: (t) => ({
    backupSetId: t.id({ required: true }),
    name: t.string({ required: true }),
    backupItemIds: t.idList({ description: "Some items of the set; all of them when left out." }),
  }),
});

const ImportBaselineInput = builder.inputType("ImportBaselineInput", {
  fields: (t) => ({
    workspaceId: t.id({ required: true }),
    name: t.string({ required: true }),
    files: t.field({ type: [BaselineFileInput], required: true }),
  }),
});

const EditBaselineInput = builder.inputType("EditBaselineInput", {
  fields: (t) => ({
    baselineId: t.id({ required: true }),
    removeItemIds: t.idList({ description: "BaselineItem ids of the latest version to leave out." }),
    files: t.field({ type: [BaselineFileInput], description: "Objects to add; one of the same type and name is replaced." }),
  }),
});

const BaselineAssignmentInput = builder.inputType("BaselineAssignmentInput", {
  fields: (t) => ({
    baselineId: t.id({ required: true }),
    environmentIds: t.idList({ required: true }),
  }),
});

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function filesOf(files: ReadonlyArray<{ name: string; contentBase64: string }>) {
  return files.map((file, index) => {
    if (!BASE64.test(file.contentBase64)) {
      throw new ValidationError("A file's content is not base64.", [
        { path: ["files", String(index), "contentBase64"], message: "Not base64." },
      ]);
    }
    return { name: file.name, bytes: new Uint8Array(Buffer.from(file.contentBase64, "base64")) };
  });
}

const baselineIdOf = (globalId: string | number) => requireRawId(globalId, "Baseline", "Baseline");

builder.mutationFields((t) => ({
  createBaselineFromBackup: t.field({
    type: BaselinePayload,
    errors: resultUnion("CreateBaselineFromBackupResult", "The new baseline, or why it could not be created."),
    description:
      "Creates a baseline whose first version holds the chosen items of a backup set (all when none are chosen); needs baseline.manage. Items with capture gaps are refused.",
    args: { input: t.arg({ type: CreateBaselineFromBackupInput, required: true }) },
    resolve: async (_root, { input }, context) => ({
      baseline: await createBaselineFromBackup(context.db, requireActor(context), {
        backupSetId: requireRawId(input.backupSetId, "BackupSet", "Backup set"),
        name: input.name,
        backupItemIds: rawIdsOf(input.backupItemIds, "BackupItem"),
      }),
    }),
  }),
  importBaseline: t.field({
    type: BaselinePayload,
    errors: resultUnion("ImportBaselineResult", "The imported baseline, or why nothing was imported."),
    description:
      "Creates a baseline from files (IntuneManagement exports, Graph JSON, the Intune portal's import JSON); needs baseline.manage. Files not recognized are listed on the version with the reason.",
    args: { input: t.arg({ type: ImportBaselineInput, required: true }) },
    resolve: async (_root, { input }, context) => ({
      baseline: await importBaseline(context.db, requireActor(context), {
        workspaceId: requireRawId(input.workspaceId, "Workspace", "Workspace"),
        name: input.name,
        files: filesOf(input.files),
      }),
    }),
  }),
  editBaseline: t.field({
    type: BaselinePayload,
    errors: resultUnion("EditBaselineResult", "The edited baseline, or why it was not changed."),
    description:
      "Writes the next version: the latest items without the removed ones, with the files' objects added. An edit that changes nothing writes no version.",
    args: { input: t.arg({ type: EditBaselineInput, required: true }) },
    resolve: async (_root, { input }, context) => ({
      baseline: await editBaseline(context.db, requireActor(context), {
        baselineId: baselineIdOf(input.baselineId),
        removeItemIds: rawIdsOf(input.removeItemIds, "BaselineItem"),
        files: input.files ? filesOf(input.files) : null,
      }),
    }),
  }),
  assignBaseline: t.field({
    type: BaselinePayload,
    errors: resultUnion("AssignBaselineResult", "The baseline, or why it could not be assigned."),
    description: "Assigns the baseline to environments (needs baseline.manage); already assigned ones stay.",
    args: { input: t.arg({ type: BaselineAssignmentInput, required: true }) },
    resolve: async (_root, { input }, context) => ({
      baseline: await assignBaseline(context.db, requireActor(context), {
        baselineId: baselineIdOf(input.baselineId),
        environmentIds: rawIdsOf(input.environmentIds, "ManagedEnvironment") ?? [],
      }),
    }),
  }),
  unassignBaseline: t.field({
    type: BaselinePayload,
    errors: resultUnion("UnassignBaselineResult", "The baseline, or why its assignment could not end."),
    description: "Ends the baseline's assignment to environments (needs baseline.manage).",
    args: { input: t.arg({ type: BaselineAssignmentInput, required: true }) },
    resolve: async (_root, { input }, context) => ({
      baseline: await unassignBaseline(context.db, requireActor(context), {
        baselineId: baselineIdOf(input.baselineId),
        environmentIds: rawIdsOf(input.environmentIds, "ManagedEnvironment") ?? [],
      }),
    }),
  }),
}));
