import {
  NEWEST_CREATED,
  RESTORE_RUN_SOURCE,
  RESTORE_RUN_STATUSES,
  can,
  canSeeRestoreRun,
  keysetPageWhere,
  orderByOf,
  restoreRunResults,
  visibleRestoreRunsWhere,
} from "@atlas/core";
import type {
  RestoreCounts as RestoreCountsShape,
  ResultAttention as ResultAttentionShape,
  SafetyCheck as SafetyCheckShape,
} from "@atlas/core";
import type { Prisma, RestoreRun as RestoreRunRow } from "@atlas/db";
import { builder } from "../builder.ts";
import { requireActor } from "../access.ts";
import type { Context } from "../context.ts";
import { rawIdsOf, requireRawId } from "../ids.ts";
import { inKeyOrder, requestLoader } from "../request-loaders.ts";
import { BackupSet, backupSetById } from "./backup-set.ts";
import { MessageParam, messageParamsOf, SummaryCount, summaryCountsOf } from "./common.ts";
import { EvidenceSnapshot } from "./evidence-snapshot.ts";
import { RunFailure, runFailureOf } from "./operation-run.ts";
import { registerNodeLoader } from "./node.ts";
import { RestoreItem, restoreItemOf } from "./restore-item.ts";

const STATUS_NOTES: Record<(typeof RESTORE_RUN_STATUSES)[number], string> = {
  draft: "Planning. Source and target chosen, no scope yet. Nothing was written to the target.",
  scoped: "Planning. Scope chosen; the preview has not run (or the scope changed since). Nothing was written to the target.",
  checked: "Planning. Safety checks evaluated. Nothing was written to the target.",
  previewed: "Planning. Checks and per-item preview are ready; the run can be confirmed unless a check blocks it. Nothing was written.",
  pending: "Planning. Waiting to be queued. Nothing was written to the target.",
  queued: "Executing, not final. Confirmed; the restore.execute job has not started, so nothing was written yet.",
  running: "Executing, not final. Items are being written; counts and resultAttention say how many so far. Nothing is verified yet.",
  completed:
    "Final, live runs only. Every item in scope was written and accepted by the provider. It does NOT by itself prove recovery: " +
    "the operation run's outcome SUCCEEDED (resultAttention COMPLETED) does. A dry run never reaches this status.",
  dry_run_completed: "Final. A dry run walked every item without writing anything: nothing was restored, nothing is recovered.",
  partial: "Final. Some items were written, others are partial or failed: the target changed, but not as the backup says.",
  failed: "Final. The execution failed (see failureReason); items that were written, if any, make it PARTIAL instead.",
  cancelled: "Final. Stopped before its end; counts say which items were written before the stop.",
};

export const RestoreRunStatus = builder.enumType("RestoreRunStatus", {
  description:
    "DRAFT to PENDING: planning (the wizard); QUEUED and RUNNING: executing; COMPLETED, DRY_RUN_COMPLETED, PARTIAL, FAILED and " +
    "CANCELLED are final and never change. Only COMPLETED means items were applied; count recoveries by the operation run's outcome.",
  values: Object.fromEntries(RESTORE_RUN_STATUSES.map((value) => [value.toUpperCase(), { value, description: STATUS_NOTES[value] }])) as {
    [K in (typeof RESTORE_RUN_STATUSES)[number] as Uppercase<K>]: { value: K; description: string };
  },
});

export const RestoreScopeMode = builder.enumType("RestoreScopeMode", {
  values: {
    WITH_ASSIGNMENTS: { value: "with_assignments", description: "The objects and their assignments." },
    WITHOUT_ASSIGNMENTS: { value: "without_assignments", description: "The objects only; assignments in the target are left alone." },
    ASSIGNMENTS_ONLY: { value: "assignments_only", description: "Only the assignments of objects that exist in the target." },
  } as const,
});

const CheckSeverity = builder.enumType("CheckSeverity", {
  values: {
    BLOCKER: { value: "blocker", description: "Confirming the restore is impossible until it is resolved." },
    WARNING: { value: "warning", description: "The restore can run; read it first." },
    INFO: { value: "info", description: "For information." },
  } as const,
});

const SafetyCheck = builder.objectRef<SafetyCheckShape & { restoreRunId: string }>("SafetyCheck").implement({
  description: "One server-side safety check of the restore scope, from the preview.",
  fields: (t) => ({
    code: t.exposeString("code", {
      description:
        "e.g. PROVIDER_CREDENTIALS_REFUSED, PROVIDER_CONSENT_MISSING, PROVIDER_UNREACHABLE (the target could not be used), TARGET_COLLISION (two scope items resolve to one target object), PREVIEW_ONLY_TYPE, IDENTITY_AMBIGUOUS, REFERENCE_UNMAPPED.",
    }),
    severity: t.field({ type: CheckSeverity, resolve: (check) => check.severity }),
    message: t.exposeString("message"),
    params: t.field({
      type: [MessageParam],
      description: "The values of the message (item name, object type, counts), so a client can word the check from its code.",
      resolve: (check) => messageParamsOf(check.params),
    }),
    item: t.field({
      type: RestoreItem,
      nullable: true,
      description: "The item the check is about; null for checks of the whole run.",
      resolve: (check, _args, context) => restoreItemOf(context, check.restoreRunId, check.restoreItemId),
    }),
  }),
});

const RestoreCounts = builder.objectRef<RestoreCountsShape>("RestoreCounts").implement({
  description: "Item outcomes of the execution (all zero but total before it).",
  fields: (t) => ({
    total: t.exposeInt("total"),
    succeeded: t.exposeInt("succeeded"),
    failed: t.exposeInt("failed"),
    skipped: t.exposeInt("skipped"),
    partial: t.exposeInt("partial"),
    nonApplied: t.exposeInt("non_applied"),
    foundationsSkipped: t.exposeInt("foundations_skipped"),
    notApplicable: t.exposeInt("not_applicable", {
      description: "Skipped because the scope mode does not apply (assignments only, a type without assignments); included in skipped.",
    }),
  }),
});

const ResultAttentionState = builder.enumType("ResultAttentionState", {
  values: {
    NOT_EXECUTED: {
      value: "not_executed",
      description: "Nothing was written (planning, queued, running before its first write, dry run, or cancelled before any write).",
    },
    IN_PROGRESS: {
      value: "in_progress",
      description: "Running, and items were already written to the target; they are not verified until the run ends.",
    },
    COMPLETED: { value: "completed", description: "Every item restored and the proof bundle holds: recovery proven." },
    PARTIAL: { value: "partial", description: "Some items restored." },
    FAILED: { value: "failed", description: "No item restored." },
    COMPLETED_WITH_FOLLOW_UP: { value: "completed_with_follow_up", description: "Every item written, but the proof does not hold (yet)." },
  } as const,
});

const ResultAttention = builder.objectRef<ResultAttentionShape>("ResultAttention").implement({
  description: 'What the restore achieved, for people: "completed" is never "recovery proven" unless the proof bundle holds.',
  fields: (t) => ({
    state: t.field({ type: ResultAttentionState, resolve: (attention) => attention.state }),
    summary: t.exposeString("summary"),
    primaryNextAction: t.exposeString("primaryNextAction"),
    primaryCauseFamily: t.exposeString("primaryCauseFamily", {
      nullable: true,
      description: "e.g. unmapped_references, verification_mismatch.",
    }),
    recoveryClaimBoundary: t.exposeString("recoveryClaimBoundary", { description: "What may (and may not) be claimed about recovery." }),
    summaryCode: t.exposeString("summaryCode", {
      description: "The summary's wording as a code, e.g. partly_restored; its numbers in summaryParams.",
    }),
    summaryParams: t.field({ type: [MessageParam], resolve: (attention) => messageParamsOf(attention.summaryParams) }),
    primaryNextActionCode: t.exposeString("primaryNextActionCode", { description: "The next action as a code, e.g. run_preview." }),
    recoveryClaimBoundaryCode: t.exposeString("recoveryClaimBoundaryCode", {
      description: "The claim boundary as a code: not_yet_claimed, nothing_written, not_proven, proven or completed_not_proven.",
    }),
  }),
});

type RestoreRunResult = Awaited<ReturnType<typeof restoreRunResults>>[number];

/** Counts and attention of a run; both fields of one run share one load, and a page's runs load together. */
const results = new WeakMap<RestoreRunRow, Promise<RestoreRunResult>>();
function resultOf(run: RestoreRunRow, context: Context) {
  let result = results.get(run);
  if (!result) {
    result = requestLoader(context, "restoreRunResults", (runs: readonly RestoreRunRow[]) => restoreRunResults(context.db, runs)).load(run);
    results.set(run, result);
  }
  return result;
}

/** The newest verification evidence of each run of a page, in one query. */
function latestVerification(context: Context, restoreRunId: string) {
  return requestLoader(context, "restoreVerification", async (ids: readonly string[]) => {
    const snapshots = await context.db.evidenceSnapshot.findMany({
      where: { restoreRunId: { in: [...ids] }, kind: "restore_verification" },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    });
    // Newest first, so the first one of each run is kept.
    const newest = new Map<string, (typeof snapshots)[number]>();
    for (const snapshot of snapshots) if (!newest.has(snapshot.restoreRunId!)) newest.set(snapshot.restoreRunId!, snapshot);
    return inKeyOrder(ids, [...newest.values()], (snapshot) => snapshot.restoreRunId!);
  }).load(restoreRunId);
}

export const RestoreRun = builder.prismaNode("RestoreRun", {
  id: { field: "id" },
  description: "A restore of (part of) a backup set into an environment: the wizard's plan, its preview and its execution.",
  fields: (t) => ({
    status: t.expose("status", { type: RestoreRunStatus }),
    dryRun: t.exposeBoolean("dryRun", { description: "Walks the execution without writing anything (the default)." }),
    scopeVersion: t.exposeInt("scopeVersion", {
      description: "Grows with every setRestoreScope. Pass it to confirmRestoreRun so only the scope you reviewed is executed.",
    }),
    sourceBackupSet: t.field({
      type: BackupSet,
      nullable: true,
      description: "The backup set restored from; null when it was deleted or you may not see its environment.",
      resolve: async (run, _args, context) => {
        const set = run.sourceBackupSetId ? await backupSetById(context, run.sourceBackupSetId) : null;
        return set && can(requireActor(context), "inventory.read", set) ? set : null;
      },
    }),
    environment: t.relation("environment", { description: "The target environment." }),
    targetLabel: t.exposeString("targetLabel", {
      description: "The target's name, frozen when the run was created; confirm by typing it.",
    }),
    scopeMode: t.expose("scopeMode", { type: RestoreScopeMode }),
    checks: t.field({
      type: [SafetyCheck],
      description: "The safety checks of the last preview; empty until it ran and whenever the scope changed.",
      resolve: (run) =>
        (Array.isArray(run.checks) ? (run.checks as unknown as SafetyCheckShape[]) : []).map((check) => ({
          ...check,
          restoreRunId: run.id,
        })),
    }),
    items: t.relatedConnection(
      "items",
      {
        cursor: "id",
        totalCount: true,
        description: "The items in scope in restore order (foundations first).",
        query: () => ({ orderBy: [{ ordinal: "asc" }, { id: "asc" }] }),
      },
      { name: "RestoreItemConnection" },
      { name: "RestoreItemEdge" },
    ),
    counts: t.field({ type: RestoreCounts, resolve: async (run, _args, context) => (await resultOf(run, context)).counts }),
    previewSummary: t.field({
      type: [SummaryCount],
      description: "Preview actions by key (create, noChange, skip, update); empty until the preview ran.",
      resolve: (run) => summaryCountsOf(run.previewSummary),
    }),
    resultAttention: t.field({ type: ResultAttention, resolve: async (run, _args, context) => (await resultOf(run, context)).attention }),
    operationRun: t.relation("operationRun", { nullable: true, description: "The restore.execute run; null until confirmed." }),
    previewOperationRun: t.relation("previewOperationRun", { nullable: true, description: "The current restore.preview run." }),
    evidenceSnapshot: t.field({
      type: EvidenceSnapshot,
      nullable: true,
      description: "The newest verification evidence (read-back of the restored objects); null until verified.",
      resolve: (run, _args, context) => latestVerification(context, run.id),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    confirmedAt: t.expose("confirmedAt", { type: "DateTime", nullable: true }),
    startedAt: t.expose("startedAt", { type: "DateTime", nullable: true, description: "When execution started; null until then." }),
    completedAt: t.expose("completedAt", { type: "DateTime", nullable: true, description: "When the run reached a final status." }),
    failureReason: t.field({
      type: RunFailure,
      nullable: true,
      description: "Why the execution failed or stopped, sanitized; null unless its execution run failed.",
      resolve: runFailureOf,
    }),
  }),
});

builder.prismaObjectFields("OperationRun", (t) => ({
  restoreRun: t.field({
    type: RestoreRun,
    nullable: true,
    description: "The restore run a restore.preview or restore.execute run belongs to; null for other runs or when you may not see it.",
    resolve: async (run, _args, context) => {
      const restoreRunId = (run.context as { restoreRunId?: unknown }).restoreRunId;
      if (!run.type.startsWith("restore.") || typeof restoreRunId !== "string") return null;
      const restore = await context.db.restoreRun.findFirst({
        // The run's context names its restore run from the start, also for earlier (replaced) previews.
        where: { id: restoreRunId, workspaceId: run.workspaceId },
        include: RESTORE_RUN_SOURCE,
      });
      if (!restore || !canSeeRestoreRun(requireActor(context), restore)) return null;
      const { sourceBackupSet: _source, ...row } = restore;
      return row;
    },
  }),
}));

registerNodeLoader("RestoreRun", async (ids, actor, context) =>
  (await context.db.restoreRun.findMany({ where: { id: { in: ids } }, include: RESTORE_RUN_SOURCE }))
    .filter((run) => canSeeRestoreRun(actor, run))
    .map(({ sourceBackupSet: _source, ...run }) => run),
);

const RestoreRunFilter = builder.inputType("RestoreRunFilter", {
  fields: (t) => ({
    environmentIds: t.idList({ description: "Only runs into these target environments." }),
    statuses: t.field({ type: [RestoreRunStatus] }),
  }),
});

const rawWorkspaceId = (globalId: string | number) => requireRawId(String(globalId), "Workspace", "Workspace");

/** The visible runs of a workspace matching the filter; NotFound for an absent or foreign workspace. */
function restoreRunsWhere(context: Context, workspaceGlobalId: string, filter: typeof RestoreRunFilter.$inferInput | null | undefined) {
  const workspaceId = rawWorkspaceId(workspaceGlobalId);
  const environmentIds = rawIdsOf(filter?.environmentIds, "ManagedEnvironment");
  return visibleRestoreRunsWhere(requireActor(context), workspaceId, { environmentIds, statuses: filter?.statuses });
}

builder.queryField("restoreRuns", (t) =>
  t.prismaConnection(
    {
      type: "RestoreRun",
      // The cursor is the row's place in the list order (workspace, created_at, id), opaque to clients.
      cursor: "listOrder",
      description: "Restore runs of a workspace you may see (needs restore.read), newest first.",
      args: { workspaceId: t.arg.id({ required: true }), filter: t.arg({ type: RestoreRunFilter }) },
      resolve: ({ cursor, skip: _skipCursorRow, ...query }, _root, args, context) => {
        const where = restoreRunsWhere(context, String(args.workspaceId), args.filter);
        return context.db.restoreRun.findMany({
          ...query,
          where: keysetPageWhere(where, cursor?.listOrder, query.take, NEWEST_CREATED, { workspaceId: rawWorkspaceId(args.workspaceId) }),
          orderBy: orderByOf<Prisma.RestoreRunOrderByWithRelationInput>(NEWEST_CREATED),
        });
      },
      totalCount: (_root, args, context) =>
        context.db.restoreRun.count({ where: restoreRunsWhere(context, String(args.workspaceId), args.filter) }),
    },
    { name: "RestoreRunConnection" },
    { name: "RestoreRunEdge" },
  ),
);
