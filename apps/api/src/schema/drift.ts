import {
  DRIFT_FINDING_KINDS,
  DRIFT_FINDING_STATES,
  type SettingChange as SettingChangeShape,
  acceptDrift,
  actorLabelName,
  keysetWhere,
  revertDrift,
  startDriftCheck,
  visibleDriftFindingsWhere,
} from "@atlas/core";
import type { DriftFinding as DriftFindingRow, Prisma, RestoreRun as RestoreRunRow } from "@atlas/db";
import { builder } from "../builder.ts";
import { requireActor } from "../access.ts";
import type { Context } from "../context.ts";
import { rawIdsOf, requireRawId } from "../ids.ts";
import { resultUnion } from "./errors.ts";
import { registerScopedNodeLoader } from "./node.ts";
import { StartOperationPayload } from "./operation-run-mutations.ts";
import { RestoreRun } from "./restore-run.ts";
import { SettingChangeKind } from "./policy-version.ts";

export const DriftFindingState = builder.enumType("DriftFindingState", {
  description: "OPEN until accepted, reverted (a restore run was opened) or resolved by a later check.",
  values: DRIFT_FINDING_STATES,
});
export const DriftFindingKind = builder.enumType("DriftFindingKind", {
  description: "MISSING, CHANGED, UNMANAGED (a live object of a covered type no baseline names; reported, not judged) or AMBIGUOUS.",
  values: DRIFT_FINDING_KINDS,
});

const DriftSettingChange = builder.objectRef<SettingChangeShape>("DriftSettingChange").implement({
  description: "One setting of a changed object: the baseline's (or accepted) value and the tenant's, as JSON text.",
  fields: (t) => ({
    kind: t.field({ type: SettingChangeKind, resolve: (change) => change.kind }),
    path: t.exposeString("path"),
    expected: t.string({
      nullable: true,
      description: "null when the baseline does not have the setting.",
      resolve: (change) => (change.kind === "added" ? null : JSON.stringify(change.before ?? null)),
    }),
    actual: t.string({
      nullable: true,
      description: "null when the tenant does not have the setting.",
      resolve: (change) => (change.kind === "removed" ? null : JSON.stringify(change.after ?? null)),
    }),
  }),
});

export const DriftFinding = builder.prismaNode("DriftFinding", {
  id: { field: "id" },
  description: "What a drift check found in one environment against one assigned baseline.",
  fields: (t) => ({
    state: t.field({ type: DriftFindingState, resolve: (finding) => finding.state as (typeof DRIFT_FINDING_STATES)[number] }),
    kind: t.field({ type: DriftFindingKind, resolve: (finding) => finding.kind as (typeof DRIFT_FINDING_KINDS)[number] }),
    objectType: t.exposeString("objectType"),
    displayName: t.exposeString("displayName"),
    settingChanges: t.field({
      type: [DriftSettingChange],
      description: "For CHANGED: each setting that differs (empty otherwise).",
      resolve: (finding) => finding.settingChanges as unknown as SettingChangeShape[],
    }),
    environment: t.relation("environment"),
    baseline: t.relation("baseline"),
    baselineVersion: t.relation("baselineVersion"),
    run: t.relation("run", { description: "The drift check that first found it." }),
    lastRun: t.relation("lastRun", { description: "The latest drift check that saw it." }),
    restoreRun: t.field({
      type: RestoreRun,
      nullable: true,
      description: "The restore run a revert opened.",
      resolve: (finding, _args, context) =>
        finding.restoreRunId ? context.db.restoreRun.findUnique({ where: { id: finding.restoreRunId } }) : null,
    }),
    actedBy: t.exposeString("actedBy", { nullable: true, description: "Who accepted or reverted it (user:<id> or token:<id>)." }),
    actedByName: t.string({
      nullable: true,
      description: "The display name of the user or the name of the API token that accepted or reverted it.",
      resolve: (finding, _args, context) => (finding.actedBy ? actorLabelName(context.db, finding.actedBy) : null),
    }),
    reason: t.exposeString("reason", { nullable: true, description: "Why it was accepted." }),
    actedAt: t.expose("actedAt", { type: "DateTime", nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
  }),
});

registerScopedNodeLoader("DriftFinding", "baseline.read", (ids, context) =>
  context.db.driftFinding.findMany({ where: { id: { in: ids } } }),
);

const DriftFindingFilter = builder.inputType("DriftFindingFilter", {
  fields: (t) => ({
    environmentIds: t.idList(),
    baselineIds: t.idList(),
    states: t.field({ type: [DriftFindingState] }),
    kinds: t.field({ type: [DriftFindingKind] }),
  }),
});

const NEWEST_FIRST = [{ createdAt: "desc" }, { id: "desc" }] as const satisfies Prisma.DriftFindingOrderByWithRelationInput[];

function findingsWhere(args: { workspaceId: string | number; filter?: typeof DriftFindingFilter.$inferInput | null }, context: Context) {
  const filter = args.filter ?? {};
  return visibleDriftFindingsWhere(requireActor(context), requireRawId(String(args.workspaceId), "Workspace", "Workspace"), {
    environmentIds: rawIdsOf(filter.environmentIds, "ManagedEnvironment"),
    baselineIds: rawIdsOf(filter.baselineIds, "Baseline"),
    states: filter.states,
    kinds: filter.kinds,
  });
}

builder.queryField("driftFindings", (t) =>
  t.prismaConnection(
    {
      type: "DriftFinding",
      cursor: "listOrder",
      description: "The drift findings of a workspace, newest first.",
      args: { workspaceId: t.arg.id({ required: true }), filter: t.arg({ type: DriftFindingFilter }) },
      resolve: ({ cursor, skip: _skipCursorRow, ...query }, _root, args, context) => {
        const where = findingsWhere(args, context);
        const past = cursor ? keysetWhere(cursor.listOrder, query.take < 0 ? "newer" : "older") : undefined;
        return context.db.driftFinding.findMany({ ...query, where: past ? { AND: [where, past] } : where, orderBy: [...NEWEST_FIRST] });
      },
      totalCount: (_root, args, context) => context.db.driftFinding.count({ where: findingsWhere(args, context) }),
    },
    { name: "DriftFindingConnection" },
    { name: "DriftFindingEdge" },
  ),
);

const StartDriftCheckInput = builder.inputType("StartDriftCheckInput", {
  fields: (t) => ({ environmentId: t.id({ required: true }) }),
});
const AcceptDriftInput = builder.inputType("AcceptDriftInput", {
  fields: (t) => ({ findingIds: t.idList({ required: true }), reason: t.string({ required: true }) }),
});
const RevertDriftInput = builder.inputType("RevertDriftInput", {
  fields: (t) => ({ findingIds: t.idList({ required: true }) }),
});

const DriftFindingsPayload = builder.objectRef<{ findings: DriftFindingRow[] }>("DriftFindingsPayload").implement({
  fields: (t) => ({ findings: t.field({ type: [DriftFinding], resolve: (result) => result.findings }) }),
});
const RevertDriftPayload = builder.objectRef<{ restoreRun: RestoreRunRow; findings: DriftFindingRow[] }>("RevertDriftPayload").implement({
  description: "The restore run opened for the findings (scoped, not yet previewed) and the findings, now REVERTED.",
  fields: (t) => ({
    restoreRun: t.field({ type: RestoreRun, resolve: (result) => result.restoreRun }),
    findings: t.field({ type: [DriftFinding], resolve: (result) => result.findings }),
  }),
});

const findingIdsOf = (ids: readonly (string | number)[]) => rawIdsOf(ids, "DriftFinding") ?? [];

builder.mutationFields((t) => ({
  startDriftCheck: t.field({
    type: StartOperationPayload,
    errors: resultUnion("StartDriftCheckResult", "The started (or deduplicated) drift check, or why it could not start."),
    description: "Checks one environment against its assigned baselines (needs baseline.manage); returns the active check when one exists.",
    args: { input: t.arg({ type: StartDriftCheckInput, required: true }) },
    resolve: (_root, { input }, context) =>
      startDriftCheck(context.db, requireActor(context), {
        environmentId: requireRawId(input.environmentId, "ManagedEnvironment", "Environment"),
      }),
  }),
  acceptDrift: t.field({
    type: DriftFindingsPayload,
    errors: resultUnion("AcceptDriftResult", "The accepted findings, or why none was accepted."),
    description: "The tenant's value becomes the accepted state for that tenant (needs baseline.manage; audited with the reason).",
    args: { input: t.arg({ type: AcceptDriftInput, required: true }) },
    resolve: async (_root, { input }, context) => ({
      findings: await acceptDrift(context.db, requireActor(context), { findingIds: findingIdsOf(input.findingIds), reason: input.reason }),
    }),
  }),
  revertDrift: t.field({
    type: RevertDriftPayload,
    errors: resultUnion("RevertDriftResult", "The restore run opened for the findings, or why none was opened."),
    description: "Opens a restore run scoped to exactly these objects; preview and typed confirmation follow as for any restore.",
    args: { input: t.arg({ type: RevertDriftInput, required: true }) },
    resolve: (_root, { input }, context) => revertDrift(context.db, requireActor(context), { findingIds: findingIdsOf(input.findingIds) }),
  }),
}));
