import { type EnvironmentDashboard as Dashboard, environmentDashboard } from "@atlas/core";
import { builder } from "../builder.ts";
import { requireActor } from "../access.ts";
import { BackupSet } from "./backup-set.ts";
import { OperationRun } from "./operation-run.ts";
import { RestoreRun } from "./restore-run.ts";

const EnvironmentDashboard = builder.objectRef<Dashboard>("EnvironmentDashboard").implement({
  description: "What an operator checks first about one tenant; a part you may not read is null.",
  fields: (t) => ({
    lastSync: t.field({
      type: OperationRun,
      nullable: true,
      description: "The newest inventory.sync run (any status).",
      resolve: (dashboard) => dashboard.lastSyncRun,
    }),
    lastBackup: t.field({
      type: BackupSet,
      nullable: true,
      description: "The newest backup set; its completeness says what it proves.",
      resolve: (dashboard) => dashboard.lastBackupSet,
    }),
    proofGapRunCount: t.int({
      nullable: true,
      description: "Runs of this environment whose latest reconciliation lists proof gaps; null without operations.read.",
      resolve: (dashboard) => dashboard.proofGapRunCount,
    }),
    lastRestore: t.field({
      type: RestoreRun,
      nullable: true,
      description: "The newest restore run into this environment (dry or live), with its proof; null without restore.read.",
      resolve: (dashboard) => dashboard.lastRestoreRun,
    }),
  }),
});

builder.prismaObjectFields("ManagedEnvironment", (t) => ({
  dashboard: t.field({
    type: EnvironmentDashboard,
    description: "Last sync, last backup and its completeness, runs with proof gaps, last restore and its proof.",
    resolve: (environment, _args, context) => environmentDashboard(context.db, requireActor(context), environment.id),
  }),
}));
