import { NotFoundError, can, setBackupSchedule, startBackup, startPolicySnapshot } from "@atlas/core";
import type { BackupSchedule as BackupScheduleRow } from "@atlas/db";
import { builder } from "../builder.ts";
import { requireActor } from "../access.ts";
import type { Context } from "../context.ts";
import { requireRawId } from "../ids.ts";
import { resultUnion } from "./errors.ts";
import { StartOperationPayload } from "./operation-run-mutations.ts";

export const BackupSchedule = builder.prismaObject("BackupSchedule", {
  description: "When an environment is backed up automatically, and how long its backup sets are kept.",
  fields: (t) => ({
    enabled: t.exposeBoolean("enabled"),
    cronExpression: t.exposeString("cronExpression", { description: 'Five cron fields in UTC, e.g. "0 2 * * *" (daily at 02:00).' }),
    nextRunAt: t.expose("nextRunAt", { type: "DateTime", nullable: true, description: "Null while disabled." }),
    lastRunAt: t.expose("lastRunAt", { type: "DateTime", nullable: true }),
    retentionKeepLast: t.exposeInt("retentionKeepLast", { nullable: true, description: "Keep at least the newest N sets." }),
    retentionKeepDays: t.exposeInt("retentionKeepDays", {
      nullable: true,
      description: "Keep sets younger than N days. The newest complete set is never removed.",
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
    retentionKeepLast: t.int({ description: "1 to 3650; null: no count rule." }),
    retentionKeepDays: t.int({ description: "1 to 3650; null: no age rule." }),
  }),
});

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
      const schedule = await setBackupSchedule(context.db, requireActor(context), {
        environmentId: environmentIdOf(input.environmentId),
        enabled: input.enabled,
        cronExpression: input.cronExpression,
        retentionKeepLast: input.retentionKeepLast,
        retentionKeepDays: input.retentionKeepDays,
      });
      return { schedule };
    },
  }),
}));
