import {
  canSeeRestoreRun,
  DEPLOYMENT_STATES,
  DEPLOYMENT_TARGET_OUTCOMES,
  type DeploymentTargetView,
  type DeploymentView,
  actorNameOf,
  approveBaselineDeployment,
  deployBaseline,
  deploymentView,
  getVisibleBaselineDeployment,
  keysetWhere,
  RESTORE_RUN_SOURCE,
  requestBaselineDeployment,
  visibleBaselineDeploymentsWhere,
} from "@atlas/core";
import type { BaselineDeployment as BaselineDeploymentRow, Prisma } from "@atlas/db";
import { builder } from "../builder.ts";
import { requireActor } from "../access.ts";
import type { Context } from "../context.ts";
import { rawIdsOf, requireRawId } from "../ids.ts";
import { resultUnion } from "./errors.ts";
import { registerNodeLoader } from "./node.ts";
import { RestoreRun, RestoreScopeMode } from "./restore-run.ts";

const upper = <T extends string>(values: readonly T[], notes: Record<T, string>) =>
  Object.fromEntries(values.map((value) => [value.toUpperCase(), { value, description: notes[value] }])) as {
    [K in T as Uppercase<K>]: { value: K; description: string };
  };

export const BaselineDeploymentState = builder.enumType("BaselineDeploymentState", {
  description: "Derived from the deployment's restore runs whenever it is read.",
  values: upper(DEPLOYMENT_STATES, {
    previewing: "At least one tenant's preview has not finished.",
    awaiting_approval: "Live: every preview finished; waits for approveBaselineDeployment.",
    running: "Approved: at least one tenant's restore is still executing or being proven.",
    succeeded: "Every tenant succeeded (a dry run: every preview is ready to run). See proven for the proof.",
    partially_succeeded: "Some tenants succeeded (or were previewed), others did not.",
    failed: "No tenant succeeded.",
  }),
});

const BaselineDeploymentTargetOutcome = builder.enumType("BaselineDeploymentTargetOutcome", {
  values: upper(DEPLOYMENT_TARGET_OUTCOMES, {
    previewing: "The preview has not finished.",
    previewed: "The preview is ready; nothing was written.",
    blocked: "The preview found blocking safety checks (see blockers); the tenant cannot be deployed.",
    running: "Executing, or its proof is still being checked.",
    succeeded: "The restore.execute run succeeded (see proven).",
    partially_succeeded: "Some objects were written, not all as the baseline says.",
    failed: "Nothing was deployed (failed, cancelled, or never started).",
  }),
});

const BaselineDeploymentTarget = builder.objectRef<DeploymentTargetView>("BaselineDeploymentTarget").implement({
  description: "One target environment of a deployment: its restore run, what the preview says and how it ended.",
  fields: (t) => ({
    environment: t.prismaField({
      type: "ManagedEnvironment",
      resolve: (query, target, _args, context) =>
        context.db.managedEnvironment.findUniqueOrThrow({ ...query, where: { id: target.restoreRun.managedEnvironmentId } }),
    }),
    restoreRun: t.field({
      type: RestoreRun,
      nullable: true,
      description: "Null when you may not see the run (its source backup lies in an environment outside your scope).",
      resolve: async (target, _args, context) => {
        const run = await context.db.restoreRun.findUnique({ where: { id: target.restoreRun.id }, include: RESTORE_RUN_SOURCE });
        return run && canSeeRestoreRun(requireActor(context), run) ? target.restoreRun : null;
      },
    }),
    create: t.int({ description: "Objects the restore would create.", resolve: (target) => target.preview.create }),
    update: t.int({ description: "Objects the restore would change.", resolve: (target) => target.preview.update }),
    unchanged: t.int({ description: "Objects already as the baseline says: left alone.", resolve: (target) => target.preview.unchanged }),
    skipped: t.int({ description: "Objects the restore would skip.", resolve: (target) => target.preview.skip }),
    blockers: t.stringList({ description: "The preview's blocking safety checks.", resolve: (target) => target.blockers }),
    outcome: t.field({ type: BaselineDeploymentTargetOutcome, resolve: (target) => target.outcome }),
    proven: t.boolean({ description: "The tenant's restore is proven (read back equal and audited).", resolve: (target) => target.proven }),
  }),
});

const views = new WeakMap<BaselineDeploymentRow, Promise<DeploymentView>>();
function viewOf(deployment: BaselineDeploymentRow, context: Context): Promise<DeploymentView> {
  let view = views.get(deployment);
  if (!view) {
    view = deploymentView(context.db, deployment);
    views.set(deployment, view);
  }
  return view;
}

export const BaselineDeployment = builder.prismaNode("BaselineDeployment", {
  id: { field: "id" },
  description: "A baseline version deployed to environments, one restore run each; state and proof come from those runs.",
  fields: (t) => ({
    baseline: t.relation("baseline"),
    baselineVersion: t.relation("baselineVersion", { description: "The version deployed (the latest when it was requested)." }),
    dryRun: t.exposeBoolean("dryRun", { description: "Previews only: nothing is written." }),
    state: t.field({
      type: BaselineDeploymentState,
      resolve: async (deployment, _args, context) => (await viewOf(deployment, context)).state,
    }),
    proven: t.boolean({
      description: "Live only: every tenant's restore is proven.",
      resolve: async (deployment, _args, context) => (await viewOf(deployment, context)).proven,
    }),
    requestedBy: t.string({
      nullable: true,
      description: "The requester's name.",
      resolve: (deployment, _args, context) => actorNameOf(context.db, deployment.requestedBy),
    }),
    approvedBy: t.string({
      nullable: true,
      description: "The approver's name; null until approved.",
      resolve: (deployment, _args, context) => actorNameOf(context.db, deployment.approvedBy),
    }),
    approvedAt: t.expose("approvedAt", { type: "DateTime", nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    targets: t.field({
      type: [BaselineDeploymentTarget],
      description: "One per target environment, by name.",
      resolve: async (deployment, _args, context) => (await viewOf(deployment, context)).targets,
    }),
  }),
});

registerNodeLoader("BaselineDeployment", async (ids, actor, context) => {
  const rows = await context.db.baselineDeployment.findMany({ where: { id: { in: ids } } });
  const visible = await Promise.all(
    rows.map((row) =>
      getVisibleBaselineDeployment(context.db, actor, row.id).then(
        () => row,
        () => null,
      ),
    ),
  );
  return visible.filter((row): row is BaselineDeploymentRow => row !== null);
});

const NEWEST_FIRST = [{ createdAt: "desc" }, { id: "desc" }] as const satisfies Prisma.BaselineDeploymentOrderByWithRelationInput[];

const deploymentsWhere = (workspaceId: string | number, context: Context) =>
  visibleBaselineDeploymentsWhere(requireActor(context), requireRawId(String(workspaceId), "Workspace", "Workspace"));

builder.queryField("baselineDeployments", (t) =>
  t.prismaConnection(
    {
      type: "BaselineDeployment",
      cursor: "listOrder",
      description: "The baseline deployments of a workspace, newest first.",
      args: { workspaceId: t.arg.id({ required: true }) },
      resolve: ({ cursor, skip: _skipCursorRow, ...query }, _root, args, context) => {
        const where = deploymentsWhere(args.workspaceId, context);
        const past = cursor ? keysetWhere(cursor.listOrder, query.take < 0 ? "newer" : "older") : undefined;
        return context.db.baselineDeployment.findMany({
          ...query,
          where: past ? { AND: [where, past] } : where,
          orderBy: [...NEWEST_FIRST],
        });
      },
      totalCount: (_root, args, context) => context.db.baselineDeployment.count({ where: deploymentsWhere(args.workspaceId, context) }),
    },
    { name: "BaselineDeploymentConnection" },
    { name: "BaselineDeploymentEdge" },
  ),
);

const DeployBaselineInput = builder.inputType("DeployBaselineInput", {
  fields: (t) => ({
    baselineId: t.id({ required: true }),
    environmentIds: t.idList({ required: true, description: "1 to 50 environments of the baseline's workspace." }),
    dryRun: t.boolean({ required: true, description: "Previews only. A live deployment waits for approval." }),
    mode: t.field({ type: RestoreScopeMode, description: "Default WITHOUT_ASSIGNMENTS: assignments in the tenants are left alone." }),
  }),
});

const RequestBaselineDeploymentInput = builder.inputType("RequestBaselineDeploymentInput", {
  fields: (t) => ({
    baselineId: t.id({ required: true }),
    environmentIds: t.idList({ required: true, description: "1 to 50 environments of the baseline's workspace." }),
    mode: t.field({ type: RestoreScopeMode, description: "Default WITHOUT_ASSIGNMENTS: assignments in the tenants are left alone." }),
  }),
});

const ApproveBaselineDeploymentInput = builder.inputType("ApproveBaselineDeploymentInput", {
  fields: (t) => ({ deploymentId: t.id({ required: true }) }),
});

const BaselineDeploymentPayload = builder
  .objectRef<{ deployment: BaselineDeploymentRow }>("BaselineDeploymentPayload")
  .implement({ fields: (t) => ({ deployment: t.field({ type: BaselineDeployment, resolve: (result) => result.deployment }) }) });

function targetsOf(input: { baselineId: string | number; environmentIds: readonly (string | number)[]; mode?: string | null }) {
  return {
    baselineId: requireRawId(input.baselineId, "Baseline", "Baseline"),
    environmentIds: rawIdsOf(input.environmentIds, "ManagedEnvironment") ?? [],
    mode: input.mode as Parameters<typeof deployBaseline>[2]["mode"],
  };
}

builder.mutationFields((t) => ({
  deployBaseline: t.field({
    type: BaselineDeploymentPayload,
    errors: resultUnion("DeployBaselineResult", "The deployment with its previews started, or why nothing was started."),
    description:
      "Opens a restore run per environment scoped to the baseline's latest version and previews each (needs baseline.manage and restore.preview; live: restore.execute). A live one waits for approveBaselineDeployment.",
    args: { input: t.arg({ type: DeployBaselineInput, required: true }) },
    resolve: async (_root, { input }, context) => ({
      deployment: await deployBaseline(context.db, requireActor(context), { ...targetsOf(input), dryRun: input.dryRun }),
    }),
  }),
  requestBaselineDeployment: t.field({
    type: BaselineDeploymentPayload,
    errors: resultUnion("RequestBaselineDeploymentResult", "The live deployment awaiting approval, or why nothing was started."),
    description: "deployBaseline live: previews every tenant, then waits for approveBaselineDeployment.",
    args: { input: t.arg({ type: RequestBaselineDeploymentInput, required: true }) },
    resolve: async (_root, { input }, context) => ({
      deployment: await requestBaselineDeployment(context.db, requireActor(context), targetsOf(input)),
    }),
  }),
  approveBaselineDeployment: t.field({
    type: BaselineDeploymentPayload,
    errors: resultUnion("ApproveBaselineDeploymentResult", "The approved deployment (its tenants now run), or why it was not approved."),
    description:
      "Needs deployment.approve (owners); the requester may not approve a deployment to several environments. Every preview must have finished without blockers.",
    args: { input: t.arg({ type: ApproveBaselineDeploymentInput, required: true }) },
    resolve: async (_root, { input }, context) => ({
      deployment: await approveBaselineDeployment(context.db, requireActor(context), {
        deploymentId: requireRawId(input.deploymentId, "BaselineDeployment", "Baseline deployment"),
      }),
    }),
  }),
}));
