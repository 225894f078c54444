import {
  RESTORE_RUN_SOURCE,
  type SettingChange as SettingChangeShape,
  canBeSwitchedOn,
  canSeeRestoreRun,
  isPreviewOnlyType,
  writtenStateOfRestoreItem,
} from "@atlas/core";
import type { RestoreItem as RestoreItemRow } from "@atlas/db";
import { builder } from "../builder.ts";
import type { Context } from "../context.ts";
import { registerNodeLoader } from "./node.ts";
import { RunFailure } from "./operation-run.ts";
import { SettingChange } from "./policy-version.ts";

/** The restore item of a run by id; null when it is not an item of that run. */
export function restoreItemOf(context: Context, restoreRunId: string | null, restoreItemId: string | undefined | null) {
  if (!restoreRunId || !restoreItemId) return null;
  return context.db.restoreItem.findFirst({ where: { id: restoreItemId, restoreRunId } });
}

builder.prismaObjectFields("BackupItem", (t) => ({
  previewOnly: t.boolean({
    description: "Its type can only be previewed, not restored (a safety check blocks it in a restore scope).",
    resolve: (item) => isPreviewOnlyType(item.objectType),
  }),
}));

const RestoreAction = builder.enumType("RestoreAction", {
  description: "What executing the restore would do with an item, as the preview found it.",
  values: {
    CREATE: { value: "create", description: "No matching object in the target: it will be created." },
    UPDATE: { value: "update", description: "One matching object in the target differs: it will be updated in place." },
    NO_CHANGE: { value: "no_change", description: "The matching object already equals the backup." },
    SKIP: { value: "skip", description: "Not restorable (preview-only type, ambiguous identity, nothing to assign)." },
  } as const,
});

const RestoreItemOutcome = builder.enumType("RestoreItemOutcome", {
  description: "The item's result of the execution; PENDING until it was attempted.",
  values: {
    PENDING: { value: "pending", description: "Not attempted yet." },
    APPLIED: { value: "applied", description: "Written and accepted by the provider." },
    PARTIAL: { value: "partial", description: "Written, but something (e.g. an unmapped reference) was left out; see unmappedReferences." },
    FAILED: { value: "failed", description: "The write failed; see error." },
    SKIPPED: { value: "skipped", description: "Deliberately not written." },
    NON_APPLIED: { value: "non_applied", description: "Not written, e.g. because the run was cancelled or was a dry run." },
  } as const,
});

const ACTIONS = new Set(["create", "update", "no_change", "skip"]);

interface UnmappedReferenceShape {
  kind: string;
  sourceId: string;
  displayName?: string | null;
}

const UnmappedReference = builder.objectRef<UnmappedReferenceShape>("UnmappedReference").implement({
  description: "A reference (group, assignment filter, scope tag) that has no counterpart by name in the target.",
  fields: (t) => ({
    kind: t.exposeString("kind", { description: "e.g. group, assignmentFilter, roleScopeTag." }),
    sourceId: t.exposeString("sourceId", { description: "Its id in the source tenant." }),
    displayName: t.string({ nullable: true, resolve: (reference) => reference.displayName ?? null }),
  }),
});

function jsonArray<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

export const RestoreItem = builder.prismaNode("RestoreItem", {
  id: { field: "id" },
  description: "One backup item in a restore run's scope: its preview (action, diff) and its execution result.",
  fields: (t) => ({
    objectType: t.exposeString("objectType"),
    displayName: t.exposeString("displayName"),
    isFoundation: t.exposeBoolean("isFoundation", {
      description: "Scope tags, assignment filters, notification templates: restored first.",
    }),
    previewOnly: t.boolean({ resolve: (item) => isPreviewOnlyType(item.objectType) }),
    switchable: t.boolean({
      description: "A Conditional Access policy: written report-only unless switched on (setRestoreScope's switchedOnItemIds).",
      resolve: (item) => canBeSwitchedOn(item.objectType),
    }),
    switchedOn: t.exposeBoolean("switchedOn", {
      description: "The operator switched this Conditional Access policy on in the preview: it is written enabled.",
    }),
    writtenState: t.string({
      nullable: true,
      description:
        "Conditional Access: the state the restore writes (enabled only when switched on; otherwise enabledForReportingButNotEnforced, or disabled as backed up). Null for other types.",
      resolve: (item, _args, context) => writtenStateOfRestoreItem(context.db, item),
    }),
    action: t.field({
      type: RestoreAction,
      nullable: true,
      description: "Null until the preview ran.",
      resolve: (item) => (item.previewAction && ACTIONS.has(item.previewAction) ? (item.previewAction as "create") : null),
    }),
    changes: t.field({
      type: [SettingChange],
      description: "The noise-free diff of the target's current state (before) against the backup (after); empty for NO_CHANGE.",
      resolve: (item) => jsonArray<SettingChangeShape>(item.previewChanges),
    }),
    targetProviderId: t.exposeString("targetProviderId", {
      nullable: true,
      description: "The matched (or created) object's id in the target.",
    }),
    outcome: t.field({ type: RestoreItemOutcome, resolve: (item) => item.outcome as "pending" }),
    providerAcceptance: t.string({
      nullable: true,
      description: "What the provider returned for the write (its id and version) as JSON text; null until accepted.",
      resolve: (item) => (item.providerAcceptance == null ? null : JSON.stringify(item.providerAcceptance)),
    }),
    unmappedReferences: t.field({
      type: [UnmappedReference],
      description: "References left out because the target has no counterpart; the item is PARTIAL because of them.",
      resolve: (item) => jsonArray<UnmappedReferenceShape>(item.unmappedReferences),
    }),
    error: t.field({
      type: RunFailure,
      nullable: true,
      description: "Why the item failed, sanitized.",
      resolve: (item: RestoreItemRow) =>
        item.errorCode ? { reasonCode: item.errorCode, message: item.errorMessage ?? item.errorCode } : null,
    }),
    backupItem: t.relation("backupItem", { description: "The captured object this item restores." }),
  }),
});

registerNodeLoader("RestoreItem", async (ids, actor, context) => {
  const rows = await context.db.restoreItem.findMany({
    where: { id: { in: ids } },
    include: { restoreRun: { select: { workspaceId: true, managedEnvironmentId: true, deletedAt: true, ...RESTORE_RUN_SOURCE } } },
  });
  return rows.filter((row) => canSeeRestoreRun(actor, row.restoreRun)).map(({ restoreRun: _run, ...item }) => item);
});
