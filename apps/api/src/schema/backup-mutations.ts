import {
  MIN_SCHEDULE_INTERVAL_MINUTES,
  NotFoundError,
  type RetentionCandidate,
  can,
  previewRetention,
  setBackupSchedule,
  startBackup,
  startPolicySnapshot,
} from "@atlas/core";
import type { BackupSchedule as BackupScheduleRow } from "@atlas/db";
import { builder } from "../builder.ts";
import { requireActor } from "../access.ts";
import type { Context } from "../context.ts";
import { requireRawId } from "../ids.ts";
import { resultUnion } from "./errors.ts";
import { BackupSet } from "./backup-set.ts";
import { StartOperationPayload } from "./operation-run-mutations.ts";

export const BackupSchedule = builder.prismaObject("BackupSchedule", {
  description: "When an environment is backed up automatically, and how long its backup sets are kept.",
  fields: (t) => ({
    enabled: t.exposeBoolean("enabled"),
    cronExpression: t.exposeString("cronExpression", {
      description: `Five cron fields in UTC, e.g. "0 2 * * *" (daily at 02:00); fires at most once every ${MIN_SCHEDULE_INTERVAL_MINUTES} minutes.`,
    }),
    nextRunAt: t.expose("nextRunAt", { type: "DateTime", nullable: true, description: "Null while disabled." }),
    lastRunAt: t.expose("lastRunAt", { type: "DateTime", nullable: true }),
    retentionKeepLast: t.exposeInt("retentionKeepLast", {
      nullable: true,
      description: "Keep at least the newest N sets the rule governs.",
    }),
    retentionKeepDays: t.exposeInt("retentionKeepDays", {
      nullable: true,
      description: "Keep governed sets younger than N days. The newest complete set is never removed.",
    }),
    retentionIncludesManual: t.exposeBoolean("retentionIncludesManual", {
      description: "False: retention removes only backups this schedule made. True: manual and pre-restore backups too.",
    }),
  }),
});

builder.prismaObjectFields("ManagedEnvironment", (t) => ({
  backupSchedule: t.relation("backupSchedule", { nullable: true, description: "Null until a schedule was saved." }),
}));

const BackupSchedulePayload = builder.objectRef<{ schedule: BackupScheduleRow }>("BackupSchedulePayload").implement({
  fields: (t) => ({ schedule: t.field({ type: BackupSchedule, resolve: (result) => result.schedule }) }),
});

const StartBackupInput = builder.inputType("StartBackupInput", {
  fields: (t) => ({
    environmentId: t.id({ required: true }),
    name: t.string({ description: "Optional; defaults to the environment's name and the start time." }),
  }),
});
const CaptureSnapshotInput = builder.inputType("CaptureSnapshotInput", {
  fields: (t) => ({ policyId: t.id({ required: true, description: "The inventory Policy to capture." }) }),
});
const SetBackupScheduleInput = builder.inputType("SetBackupScheduleInput", {
  fields: (t) => ({
    environmentId: t.id({ required: true }),
    enabled: t.boolean({ required: true }),
    cronExpression: t.string({ required: true, description: 'Five cron fields in UTC, e.g. "0 2 * * *".' }),
    retentionKeepLast: t.int({ description: "1 to 3650; null: no count rule. Anything else is refused, never adjusted." }),
    retentionKeepDays: t.int({ description: "1 to 3650; null: no age rule. Anything else is refused, never adjusted." }),
    retentionIncludesManual: t.boolean({ description: "Let retention remove manual and pre-restore backups too (default false)." }),
  }),
});

const BackupRetentionPreview = builder.objectRef<{ sets: RetentionCandidate[] }>("BackupRetentionPreview").implement({
  description: "What a retention rule would remove if it were applied now (nothing is saved or removed).",
  fields: (t) => ({
    wouldDeleteCount: t.int({ resolve: (preview) => preview.sets.length }),
    wouldDelete: t.prismaField({
      type: [BackupSet],
      description: "The backup sets it would remove, newest first.",
      resolve: (query, preview, _args, context) =>
        context.db.backupSet.findMany({
          ...query,
          where: { id: { in: preview.sets.map((set) => set.id) } },
          orderBy: { createdAt: "desc" },
        }),
    }),
  }),
});

function scheduleInputOf(input: typeof SetBackupScheduleInput.$inferInput) {
  return {
    environmentId: environmentIdOf(input.environmentId),
    enabled: input.enabled,
    cronExpression: input.cronExpression,
    retentionKeepLast: input.retentionKeepLast,
    retentionKeepDays: input.retentionKeepDays,
    retentionIncludesManual: input.retentionIncludesManual,
  };
}

const environmentIdOf = (globalId: string | number) => requireRawId(globalId, "ManagedEnvironment", "Environment");

/** The inventory object behind a Policy id, when the actor may read it. */
async function visiblePolicy(context: Context, globalId: string | number) {
  const policy = await context.db.inventoryItem.findUnique({ where: { id: requireRawId(globalId, "Policy", "Policy") } });
  if (!policy || !can(requireActor(context), "inventory.read", policy)) throw new NotFoundError("Policy");
  return policy;
}

builder.mutationFields((t) => ({
  startBackup: t.field({
    type: StartOperationPayload,
    errors: resultUnion("StartBackupResult", "The started (or deduplicated) backup run, or why it could not start."),
    description:
      "Enqueues a backup of every supported object of one environment (needs backup.run); returns the active run when one exists.",
    args: { input: t.arg({ type: StartBackupInput, required: true }) },
    resolve: (_root, { input }, context) =>
      startBackup(context.db, requireActor(context), { environmentId: environmentIdOf(input.environmentId), name: input.name }),
  }),
  captureSnapshot: t.field({
    type: StartOperationPayload,
    errors: resultUnion("CaptureSnapshotResult", "The started (or deduplicated) snapshot run of one policy, or why it could not start."),
    description: "Captures the current version of one policy (needs backup.run); returns the active run for that policy when one exists.",
    args: { input: t.arg({ type: CaptureSnapshotInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      const policy = await visiblePolicy(context, input.policyId);
      return startPolicySnapshot(context.db, requireActor(context), {
        environmentId: policy.managedEnvironmentId,
        objectType: policy.objectType,
        providerId: policy.providerId,
      });
    },
  }),
  setBackupSchedule: t.field({
    type: BackupSchedulePayload,
    errors: resultUnion("SetBackupScheduleResult", "The saved schedule, or why it could not be saved."),
    description: "Saves the environment's backup schedule and retention (needs environments.manage).",
    args: { input: t.arg({ type: SetBackupScheduleInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      const schedule = await setBackupSchedule(context.db, requireActor(context), scheduleInputOf(input));
      return { schedule };
    },
  }),
}));

builder.queryField("backupRetentionPreview", (t) =>
  t.field({
    type: BackupRetentionPreview,
    errors: resultUnion("BackupRetentionPreviewResult", "What the rule would remove now, or why the schedule could not be saved as given."),
    description:
      "Dry run of setBackupSchedule's retention: how many backups the rule would remove if applied now. Validates like saving; changes nothing.",
    args: { input: t.arg({ type: SetBackupScheduleInput, required: true }) },
    resolve: async (_root, { input }, context) => ({
      sets: await previewRetention(context.db, requireActor(context), scheduleInputOf(input)),
    }),
  }),
);
