import {
  CAPTURED_BACKUP_SETS,
  NEWEST_CREATED,
  can,
  computeCompleteness,
  containsText,
  environmentScopeWhere,
  keysetPageWhere,
  orderByOf,
  readRunContext,
} from "@atlas/core";
import type { CaptureGap, TypeCompleteness as TypeCompletenessShape } from "@atlas/core";
import type { BackupSet as BackupSetRow, Prisma } from "@atlas/db";
import { builder } from "../builder.ts";
import { requireActor } from "../access.ts";
import type { Context } from "../context.ts";
import { EXPORT_FORMATS, backupSetExportUrl } from "../export-links.ts";
import { rawIdsOf, requireRawId } from "../ids.ts";
import { inKeyOrder, requestLoader } from "../request-loaders.ts";
import { SummaryCount } from "./common.ts";
import { registerScopedNodeLoader } from "./node.ts";

const BackupTrigger = builder.enumType("BackupTrigger", {
  values: {
    MANUAL: { value: "manual", description: "Started by someone (startBackup)." },
    SCHEDULE: { value: "schedule", description: "Started by the environment's backup schedule." },
    PRE_RESTORE: { value: "pre_restore", description: "Taken right before a restore changed the tenant." },
    BASELINE: {
      value: "baseline",
      description:
        'Not a capture: a baseline version written out as a set of the target so a deployment can restore it. Left out of the backup lists and every "last backup".',
    },
  } as const,
});

const BackupSetStatus = builder.enumType("BackupSetStatus", {
  description: "CAPTURING is not final; COMPLETED, PARTIAL and FAILED are final (the set is immutable from then on).",
  values: {
    CAPTURING: { value: "capturing", description: "Not final: the backup run is still capturing." },
    COMPLETED: { value: "completed", description: "Final: the capture ran to its end; see hasGaps and completeness for what it proves." },
    PARTIAL: {
      value: "partial",
      description:
        "Final: the run ended (failed or cancelled) before the capture finished; the objects it captured are kept, and it is never complete.",
    },
    FAILED: { value: "failed", description: "Final: the run ended before the capture finished and nothing was captured." },
  } as const,
});

const ExportFormat = builder.enumType("ExportFormat", {
  values: {
    MARKDOWN: { value: EXPORT_FORMATS[0], description: "A .md file." },
    HTML: { value: EXPORT_FORMATS[1], description: "A standalone .html file." },
  } as const,
});

interface GapShape {
  providerId: string;
  displayName: string;
  code: string;
  message: string;
}

const CompletenessGap = builder.objectRef<GapShape>("CompletenessGap").implement({
  description: "Something of one object that the capture could not get, e.g. a missing settings page.",
  fields: (t) => ({
    providerId: t.exposeString("providerId"),
    displayName: t.exposeString("displayName"),
    code: t.exposeString("code"),
    message: t.exposeString("message"),
  }),
});

const TypeCompleteness = builder.objectRef<TypeCompletenessShape & { objectType: string }>("TypeCompleteness").implement({
  description: "The completeness record of one object type: what the provider listed against what was captured.",
  fields: (t) => ({
    objectType: t.exposeString("objectType"),
    providerTotal: t.exposeInt("providerTotal", { description: "How many objects the provider listed during the run." }),
    captured: t.exposeInt("captured"),
    complete: t.boolean({
      description: "Every listed object captured, none with a gap.",
      resolve: (entry) => entry.captured === entry.providerTotal && entry.gaps.length === 0,
    }),
    gaps: t.field({ type: [CompletenessGap], resolve: (entry) => entry.gaps }),
  }),
});

/** The stored record of a sealed set; while capturing, the record as the stored items show it so far. */
async function completenessOf(set: BackupSetRow, context: Context): Promise<Array<TypeCompletenessShape & { objectType: string }>> {
  let record = set.completeness as unknown as Record<string, TypeCompletenessShape>;
  if (set.status === "capturing" && set.operationRunId) {
    const run = await context.db.operationRun.findUnique({ where: { id: set.operationRunId }, select: { context: true } });
    record = await computeCompleteness(context.db, set.id, readRunContext("backup.capture", run?.context).providerTotals);
  }
  return Object.entries(record ?? {})
    .map(([objectType, entry]) => ({ objectType, ...entry }))
    .sort((a, b) => a.objectType.localeCompare(b.objectType));
}

const NEWEST_FIRST = orderByOf<Prisma.BackupSetOrderByWithRelationInput>(NEWEST_CREATED);

/** A backup set by id (e.g. the source of each restore run of a page), loaded with the page's others. */
export function backupSetById(context: Context, id: string): Promise<BackupSetRow | null> {
  return requestLoader(context, "backupSetById", async (ids: readonly string[]) =>
    inKeyOrder(ids, await context.db.backupSet.findMany({ where: { id: { in: [...ids] } } }), (set) => set.id),
  ).load(id);
}

/** Captured objects per type of each set of a page, in one grouped query. */
function itemCountsOf(context: Context, backupSetId: string): Promise<Array<{ key: string; value: number }>> {
  return requestLoader(context, "backupSetItemCounts", async (ids: readonly string[]) => {
    const rows = await context.db.backupItem.groupBy({
      by: ["backupSetId", "objectType"],
      where: { backupSetId: { in: [...ids] } },
      _count: { _all: true },
    });
    return ids.map((id) =>
      rows
        .filter((row) => row.backupSetId === id)
        .map((row) => ({ key: row.objectType, value: row._count._all }))
        .sort((a, b) => a.key.localeCompare(b.key)),
    );
  }).load(backupSetId);
}

/** The newest backup set each backup.capture run of a page captured, in one query. */
function backupSetOfRun(context: Context, operationRunId: string): Promise<BackupSetRow | null> {
  return requestLoader(context, "backupSetOfRun", async (runIds: readonly string[]) => {
    const sets = await context.db.backupSet.findMany({ where: { operationRunId: { in: [...runIds] } }, orderBy: NEWEST_FIRST });
    // Newest first, so the first set of each run is kept.
    return inKeyOrder(runIds, [...sets].reverse(), (set) => set.operationRunId!);
  }).load(operationRunId);
}

export const BackupItem = builder.prismaNode("BackupItem", {
  id: { field: "id" },
  description: "One object captured in a backup set, pointing at the (possibly shared) version it captured.",
  fields: (t) => ({
    objectType: t.exposeString("objectType"),
    displayName: t.exposeString("displayName"),
    providerId: t.exposeString("providerId"),
    isFoundation: t.exposeBoolean("isFoundation", { description: "Scope tags, assignment filters, notification templates." }),
    gaps: t.field({
      type: [CompletenessGap],
      description: "What the capture could not get for this object; empty when complete.",
      resolve: (item) =>
        ((item.gaps ?? []) as unknown as CaptureGap[]).map((gap) => ({
          providerId: item.providerId,
          displayName: item.displayName,
          code: gap.code,
          message: gap.message,
        })),
    }),
    policyVersion: t.relation("policyVersion"),
    backupSet: t.relation("backupSet", { description: "The set this item belongs to (visible with the item: same environment)." }),
  }),
});

const BackupItemFilter = builder.inputType("BackupItemFilter", {
  fields: (t) => ({
    objectTypes: t.stringList({ description: "Only these object types." }),
    search: t.string({ description: "Case-insensitive part of the display name." }),
  }),
});

type ItemFilterInput = typeof BackupItemFilter.$inferInput;

/** The filter's conditions on the items of a set (the relation already limits them to the set). */
function itemFilterWhere(filter: ItemFilterInput | null | undefined): Prisma.BackupItemWhereInput {
  const search = containsText(filter?.search);
  return {
    ...(filter?.objectTypes ? { objectType: { in: filter.objectTypes } } : {}),
    ...(search ? { displayName: search } : {}),
  };
}

export const BackupSet = builder.prismaNode("BackupSet", {
  id: { field: "id" },
  description: "A captured, provable snapshot of every supported object of one environment; immutable once final.",
  fields: (t) => ({
    name: t.exposeString("name"),
    trigger: t.expose("trigger", { type: BackupTrigger }),
    status: t.expose("status", { type: BackupSetStatus }),
    environment: t.relation("environment"),
    operationRun: t.relation("operationRun", { nullable: true, description: "The backup.capture run that made it." }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    completedAt: t.expose("completedAt", { type: "DateTime", nullable: true }),
    itemCount: t.exposeInt("itemCount", { description: "Objects captured (set when the capture completes)." }),
    hasGaps: t.exposeBoolean("hasGaps", { description: "Some type is incomplete or some object has a gap." }),
    completeness: t.field({
      type: [TypeCompleteness],
      description: "Per object type, by type name.",
      resolve: (set, _args, context) => completenessOf(set, context),
    }),
    itemCounts: t.field({
      type: [SummaryCount],
      description: "Captured objects per object type, by type name.",
      resolve: (set, _args, context) => itemCountsOf(context, set.id),
    }),
    items: t.relatedConnection(
      "items",
      {
        cursor: "id",
        totalCount: true,
        description: "The captured objects, grouped by type (type, then name).",
        args: { filter: t.arg({ type: BackupItemFilter }) },
        query: (args) => ({
          where: itemFilterWhere(args.filter),
          orderBy: [{ objectType: "asc" }, { displayName: "asc" }, { id: "asc" }],
        }),
      },
      { name: "BackupItemConnection" },
      { name: "BackupItemEdge" },
    ),
    exportUrl: t.string({
      description:
        "A relative link to download the export (valid 5 minutes). It works without a session: treat it as a secret, do not share or log it.",
      args: { format: t.arg({ type: ExportFormat, required: true }) },
      resolve: (set, args, context) => backupSetExportUrl(context.box, set.id, args.format),
    }),
  }),
});

builder.prismaObjectFields("OperationRun", (t) => ({
  backupSet: t.field({
    type: BackupSet,
    nullable: true,
    description: "The backup set a backup.capture run captured; null for other runs or when you may not read its environment.",
    resolve: async (run, _args, context) => {
      if (run.type !== "backup.capture") return null;
      const set = await backupSetOfRun(context, run.id);
      return set && can(requireActor(context), "inventory.read", set) ? set : null;
    },
  }),
}));

registerScopedNodeLoader("BackupSet", "inventory.read", (ids, context) => context.db.backupSet.findMany({ where: { id: { in: ids } } }));
registerScopedNodeLoader("BackupItem", "inventory.read", (ids, context) => context.db.backupItem.findMany({ where: { id: { in: ids } } }));

const BackupSetFilter = builder.inputType("BackupSetFilter", {
  fields: (t) => ({ environmentIds: t.idList({ description: "Only sets of these environments." }) }),
});

/** The visible sets of a workspace matching the filter; NotFound for an absent or foreign workspace. */
function backupSetsWhere(context: Context, workspaceId: string, filter: typeof BackupSetFilter.$inferInput | null | undefined) {
  return {
    ...environmentScopeWhere(requireActor(context), workspaceId, rawIdsOf(filter?.environmentIds, "ManagedEnvironment")),
    ...CAPTURED_BACKUP_SETS,
  };
}

const rawWorkspaceId = (globalId: string | number) => requireRawId(String(globalId), "Workspace", "Workspace");

const BackupSetConnection = builder.connectionObject(
  {
    type: BackupSet,
    name: "BackupSetConnection",
    fields: (t) => ({
      // One connection type for both lists, so it is declared here rather than by the plugin; the
      // plugin's connection resolver still supplies the count (the `totalCount` options below).
      totalCount: t.int({ resolve: (connection) => (connection as unknown as { totalCount: () => Promise<number> }).totalCount() }),
    }),
  },
  { name: "BackupSetEdge" },
);

builder.queryField("backupSets", (t) =>
  t.prismaConnection(
    {
      type: "BackupSet",
      // The cursor is the row's place in the list order (workspace, created_at, id), opaque to clients.
      cursor: "listOrder",
      description: "Backup sets of a workspace you may see, newest first (captures only: a deployment's baseline sets are left out).",
      args: { workspaceId: t.arg.id({ required: true }), filter: t.arg({ type: BackupSetFilter }) },
      resolve: ({ cursor, skip: _skipCursorRow, ...query }, _root, args, context) => {
        const workspaceId = rawWorkspaceId(args.workspaceId);
        return context.db.backupSet.findMany({
          ...query,
          where: keysetPageWhere(backupSetsWhere(context, workspaceId, args.filter), cursor?.listOrder, query.take, NEWEST_CREATED, {
            workspaceId,
          }),
          orderBy: NEWEST_FIRST,
        });
      },
      totalCount: (_root, args, context) =>
        context.db.backupSet.count({ where: backupSetsWhere(context, rawWorkspaceId(args.workspaceId), args.filter) }),
    },
    BackupSetConnection,
  ),
);

builder.prismaObjectFields("ManagedEnvironment", (t) => ({
  backupSets: t.prismaConnection(
    {
      type: "BackupSet",
      cursor: "listOrder",
      description: "Backup sets of this environment, newest first (captures only: a deployment's baseline sets are left out).",
      resolve: ({ cursor, skip: _skipCursorRow, ...query }, environment, _args, context) =>
        context.db.backupSet.findMany({
          ...query,
          where: keysetPageWhere(
            { ...environmentScopeWhere(requireActor(context), environment.workspaceId, [environment.id]), ...CAPTURED_BACKUP_SETS },
            cursor?.listOrder,
            query.take,
            NEWEST_CREATED,
            { workspaceId: environment.workspaceId },
          ),
          orderBy: NEWEST_FIRST,
        }),
      totalCount: (environment, _args, context) =>
        context.db.backupSet.count({
          where: { ...environmentScopeWhere(requireActor(context), environment.workspaceId, [environment.id]), ...CAPTURED_BACKUP_SETS },
        }),
    },
    BackupSetConnection,
  ),
}));
