import {
  RUN_OUTCOMES,
  RUN_STATUSES,
  actorLabelName,
  can,
  canRerun,
  keysetWhere,
  runPageIdsBySplitFilter,
  visibleRunsWhere,
} from "@atlas/core";
import type { OperationRun as OperationRunRow, Prisma } from "@atlas/db";
import { builder } from "../builder.ts";
import { isSupport, requireActor } from "../access.ts";
import type { Context } from "../context.ts";
import { rawIdsOf, requireRawId } from "../ids.ts";
import { inKeyOrder, requestLoader } from "../request-loaders.ts";
import { MessageParam, messageParamsOf, summaryCountsOf, SummaryCount } from "./common.ts";
import { registerNodeLoader, registerScopedNodeLoader } from "./node.ts";

function upperSnakeValues<T extends string>(values: readonly T[], describe: (value: T) => string) {
  return Object.fromEntries(values.map((value) => [value.toUpperCase(), { value, description: describe(value) }])) as Record<
    Uppercase<T>,
    { value: T; description: string }
  >;
}

export const OperationRunStatus = builder.enumType("OperationRunStatus", {
  description: "QUEUED and RUNNING are not final; COMPLETED is final.",
  values: upperSnakeValues(RUN_STATUSES, (value) => (value === "completed" ? "Final." : "Not final.")),
});

export const OperationRunOutcome = builder.enumType("OperationRunOutcome", {
  description: "PENDING until the run completes, then exactly one final outcome.",
  values: upperSnakeValues(RUN_OUTCOMES, (value) => (value === "pending" ? "Not final: the run is still active." : "Final.")),
});

/** The sanitized failure of a run (or of the restore run it executes); null when none was recorded. */
export function runFailureOf(record: { failureReasonCode: string | null; failureMessage: string | null }) {
  return record.failureReasonCode
    ? { reasonCode: record.failureReasonCode, message: record.failureMessage ?? record.failureReasonCode }
    : null;
}

export const RunFailure = builder.objectRef<{ reasonCode: string; message: string }>("RunFailure").implement({
  description: "Why a run failed, sanitized: a reason code and a short message, never secrets or raw errors.",
  fields: (t) => ({ reasonCode: t.exposeString("reasonCode"), message: t.exposeString("message") }),
});

// A timeline repeats the same few actors: one lookup per actor and request.
const actorNames = new WeakMap<Context, Map<string, Promise<string | null>>>();
function memoizedActorName(context: Context, label: string): Promise<string | null> {
  const names = actorNames.get(context) ?? new Map<string, Promise<string | null>>();
  actorNames.set(context, names);
  const name = names.get(label) ?? actorLabelName(context.db, label);
  names.set(label, name);
  return name;
}

export const OperationRunEvent = builder.prismaNode("OperationRunEvent", {
  id: { field: "id" },
  description: "One entry of a run's append-only history: a transition, a rejected transition, a note or a step.",
  fields: (t) => ({
    kind: t.exposeString("kind", { description: "transition, rejected_transition, note, or step (a unit of work done while running)." }),
    fromStatus: t.expose("fromStatus", { type: OperationRunStatus, nullable: true }),
    toStatus: t.expose("toStatus", { type: OperationRunStatus, nullable: true }),
    fromOutcome: t.expose("fromOutcome", { type: OperationRunOutcome, nullable: true }),
    toOutcome: t.expose("toOutcome", { type: OperationRunOutcome, nullable: true }),
    reasonCode: t.exposeString("reasonCode", { nullable: true }),
    message: t.exposeString("message", { nullable: true }),
    params: t.field({
      type: [MessageParam],
      description: "The values of a step (kind step, its code in reasonCode: type_read has type and count), so a client can word it.",
      resolve: (event) => messageParamsOf(event.params),
    }),
    actor: t.exposeString("actor", { description: "Who caused it, e.g. user:<id>, token:<id>, system:worker." }),
    actorName: t.string({
      nullable: true,
      description: "The display name of the user or the name of the API token the actor label stands for; null for system actors.",
      resolve: (event, _args, context) => memoizedActorName(context, event.actor),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

/** Who started a run: a person, an API token, or the system (schedules, sweeps) when neither is recorded. */
const RunInitiator = builder.objectRef<{ kind: "user" | "token" | "system"; name: string | null }>("RunInitiator").implement({
  description: "Who started a run.",
  fields: (t) => ({
    kind: t.exposeString("kind", { description: "user, token or system (a schedule or the platform itself)." }),
    name: t.exposeString("name", {
      nullable: true,
      description: "The user's display name or the API token's name; null for the system or a deleted user or token.",
    }),
  }),
});

export const OperationRun = builder.prismaNode("OperationRun", {
  id: { field: "id" },
  description: "The one observable record of a long-running or high-impact action.",
  fields: (t) => ({
    type: t.exposeString("type", { description: "e.g. inventory.sync, restore.execute." }),
    status: t.expose("status", { type: OperationRunStatus }),
    outcome: t.expose("outcome", { type: OperationRunOutcome }),
    workspace: t.relation("workspace"),
    environment: t.relation("environment", { nullable: true }),
    summaryCounts: t.field({ type: [SummaryCount], resolve: (run) => summaryCountsOf(run.summaryCounts) }),
    progress: t.exposeFloat("progress", { nullable: true, description: "0..1 while running." }),
    hasProofGaps: t.exposeBoolean("hasProofGaps"),
    startedBy: t.field({
      type: RunInitiator,
      select: {
        initiatorUserId: true,
        initiatorTokenId: true,
        initiatorUser: { select: { displayName: true } },
        initiatorToken: { select: { name: true } },
      },
      resolve: (run) =>
        run.initiatorUserId
          ? { kind: "user" as const, name: run.initiatorUser?.displayName ?? null }
          : run.initiatorTokenId
            ? { kind: "token" as const, name: run.initiatorToken?.name ?? null }
            : { kind: "system" as const, name: null },
    }),
    rerunnable: t.boolean({
      description:
        "True when the run has finished, its operation can be started again with the same scope (rerunOperationRun), and you may start it.",
      resolve: (run, _args, context) => canRerun(requireActor(context), run),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    startedAt: t.expose("startedAt", { type: "DateTime", nullable: true }),
    completedAt: t.expose("completedAt", { type: "DateTime", nullable: true }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
    lastHeartbeatAt: t.expose("lastHeartbeatAt", { type: "DateTime", nullable: true }),
    failure: t.field({
      type: RunFailure,
      nullable: true,
      resolve: runFailureOf,
    }),
    events: t.relatedConnection(
      "events",
      { cursor: "id", totalCount: true, description: "The run's history, oldest first.", query: () => ({ orderBy: { id: "asc" } }) },
      { name: "OperationRunEventConnection" },
      { name: "OperationRunEventEdge" },
    ),
    rawContext: t.string({
      nullable: true,
      description: "The run's raw context as JSON, for platform support only (null for everyone else).",
      resolve: (run, _args, context) => (isSupport(context.actor) ? JSON.stringify(run.context) : null),
    }),
  }),
});

/** A run by id, unchecked (callers check visibility), loaded with the others of its page in one query. */
export function operationRunById(context: Context, id: string): Promise<OperationRunRow | null> {
  return requestLoader(context, "operationRunById", async (ids: readonly string[]) =>
    inKeyOrder(ids, await context.db.operationRun.findMany({ where: { id: { in: [...ids] } } }), (run) => run.id),
  ).load(id);
}

registerScopedNodeLoader("OperationRun", "operations.read", (ids, context) =>
  context.db.operationRun.findMany({ where: { id: { in: ids } } }),
);

registerNodeLoader("OperationRunEvent", async (ids, actor, context) => {
  const rows = await context.db.operationRunEvent.findMany({
    where: { id: { in: ids.map((id) => BigInt(id)) } },
    include: { run: { select: { workspaceId: true, managedEnvironmentId: true } } },
  });
  return rows.filter((row) => can(actor, "operations.read", row.run)).map(({ run: _run, ...event }) => event);
});

const OperationRunFilter = builder.inputType("OperationRunFilter", {
  fields: (t) => ({
    environmentIds: t.idList(),
    types: t.stringList({ description: 'e.g. "restore.execute".' }),
    statuses: t.field({ type: [OperationRunStatus] }),
    outcomes: t.field({ type: [OperationRunOutcome] }),
    hasProofGaps: t.boolean(),
    createdAfter: t.field({ type: "DateTime" }),
    createdBefore: t.field({ type: "DateTime" }),
  }),
});

type FilterInput = typeof OperationRunFilter.$inferInput;

/** The visible runs of a workspace matching the filter; NotFound for an absent or foreign workspace. */
function runsWhere(context: Context, workspaceGlobalId: string, filter: FilterInput | null | undefined): Prisma.OperationRunWhereInput {
  const workspaceId = requireRawId(workspaceGlobalId, "Workspace", "Workspace");
  const environmentIds = rawIdsOf(filter?.environmentIds, "ManagedEnvironment");
  return visibleRunsWhere(requireActor(context), workspaceId, { ...filter, environmentIds });
}

builder.queryField("operationRuns", (t) =>
  t.prismaConnection(
    {
      type: "OperationRun",
      // The cursor is the row's place in the list order (workspace, created_at, id), opaque to clients.
      cursor: "listOrder",
      description: "Runs of a workspace you may see, newest first.",
      args: { workspaceId: t.arg.id({ required: true }), filter: t.arg({ type: OperationRunFilter }) },
      resolve: async ({ cursor, skip: _skipCursorRow, ...query }, _root, args, context) => {
        // A keyset condition instead of Prisma's cursor (which looks the cursor row up again and
        // skips it): page 100 then reads the same 50 index entries as page 1.
        const where = runsWhere(context, String(args.workspaceId), args.filter);
        const past = cursor ? keysetWhere(cursor.listOrder, query.take < 0 ? "newer" : "older") : undefined;
        // Several environments, outcomes, statuses or types: the page's ids from one index scan per value first.
        const ids = await runPageIdsBySplitFilter(context.db, where, past, query.take);
        return context.db.operationRun.findMany({
          ...query,
          where: ids ? { id: { in: ids } } : past ? { AND: [where, past] } : where,
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        });
      },
      totalCount: (_root, args, context) =>
        context.db.operationRun.count({ where: runsWhere(context, String(args.workspaceId), args.filter) }),
    },
    { name: "OperationRunConnection" },
    { name: "OperationRunEdge" },
  ),
);
