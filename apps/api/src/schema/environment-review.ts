import { REVIEW_STATUSES, type ReviewSections, keysetWhere, reviewCounts, reviewOfRun, visibleReviewsWhere } from "@atlas/core";
import type { EnvironmentReview as EnvironmentReviewRow, Prisma } from "@atlas/db";
import { builder } from "../builder.ts";
import { requireActor } from "../access.ts";
import type { Context } from "../context.ts";
import { REVIEW_EXPORT_FORMATS, reviewExportUrl } from "../export-links.ts";
import { rawIdsOf, requireRawId } from "../ids.ts";
import { SummaryCount } from "./common.ts";
import { registerScopedNodeLoader } from "./node.ts";
import { runFailureOf, RunFailure } from "./operation-run.ts";

export const EnvironmentReviewStatus = builder.enumType("EnvironmentReviewStatus", {
  description:
    "DRAFT, READY and FAILED are mutable (composed again by the next compose of equal inputs); PUBLISHED, ARCHIVED and SUPERSEDED are history.",
  values: Object.fromEntries(REVIEW_STATUSES.map((status) => [status.toUpperCase(), { value: status }])) as Record<
    Uppercase<(typeof REVIEW_STATUSES)[number]>,
    { value: (typeof REVIEW_STATUSES)[number] }
  >,
});

const ReviewExportFormat = builder.enumType("ReviewExportFormat", {
  values: Object.fromEntries(REVIEW_EXPORT_FORMATS.map((format) => [format.toUpperCase(), { value: format }])) as Record<
    Uppercase<(typeof REVIEW_EXPORT_FORMATS)[number]>,
    { value: (typeof REVIEW_EXPORT_FORMATS)[number] }
  >,
});

type Sections = ReviewSections;
const sectionsOf = (review: EnvironmentReviewRow) => review.sections as unknown as Partial<Sections>;

const ReviewAttention = builder.objectRef<Sections["attention"][number]>("ReviewAttention").implement({
  description: "Something the review asks to look at first, most severe first.",
  fields: (t) => ({
    severity: t.exposeString("severity", { description: "high, medium or info." }),
    code: t.exposeString("code", { description: "e.g. BACKUP_INCOMPLETE, RESTORE_NOT_PROVEN." }),
    message: t.exposeString("message"),
  }),
});

const ReviewSettingChange = builder
  .objectRef<Sections["changes"]["policies"][number]["settings"][number]>("ReviewSettingChange")
  .implement({
    fields: (t) => ({
      kind: t.exposeString("kind", { description: "added, removed or changed." }),
      path: t.exposeString("path"),
      before: t.exposeString("before", { nullable: true, description: "The value as text (cut after 300 characters)." }),
      after: t.exposeString("after", { nullable: true }),
    }),
  });

export const ReviewPolicyChange = builder.objectRef<Sections["changes"]["policies"][number]>("ReviewPolicyChange").implement({
  description: "One policy that differs between the previous published review's backup and this review's backup.",
  fields: (t) => ({
    objectType: t.exposeString("objectType"),
    displayName: t.exposeString("displayName"),
    kind: t.exposeString("kind", { description: "added, removed or changed." }),
    settings: t.field({ type: [ReviewSettingChange], resolve: (policy) => policy.settings }),
  }),
});

export const EnvironmentReview = builder.prismaNode("EnvironmentReview", {
  id: { field: "id" },
  description: "A customer review of one environment, composed from stored records by an environment.review.compose run.",
  fields: (t) => ({
    status: t.expose("status", { type: EnvironmentReviewStatus }),
    fingerprint: t.exposeString("fingerprint", { description: "sha256 of the inputs the review was composed from." }),
    environment: t.relation("environment"),
    workspace: t.relation("workspace"),
    periodStart: t.expose("periodStart", {
      type: "DateTime",
      nullable: true,
      description: "When the previous review was published; null for the first.",
    }),
    periodEnd: t.expose("periodEnd", { type: "DateTime" }),
    composedAt: t.expose("composedAt", { type: "DateTime", nullable: true }),
    publishedAt: t.expose("publishedAt", { type: "DateTime", nullable: true }),
    archivedAt: t.expose("archivedAt", { type: "DateTime", nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    failure: t.field({ type: RunFailure, nullable: true, resolve: runFailureOf }),
    composedByRun: t.relation("composedByRun", { nullable: true, description: "The run that composed it last." }),
    supersededBy: t.relation("supersededBy", { nullable: true, description: "The review published after it." }),
    attention: t.field({ type: [ReviewAttention], resolve: (review) => sectionsOf(review).attention ?? [] }),
    counts: t.field({
      type: [SummaryCount],
      description:
        "The document's counts (inventoryObjects, backupGaps, changedPolicies, changedSettings, restores, restoresUnproven, proofGapRuns ...).",
      resolve: (review) => reviewCounts(sectionsOf(review)),
    }),
    changes: t.field({
      type: [ReviewPolicyChange],
      description: "Policies changed since the previous published review, with setting-level differences.",
      resolve: (review) => sectionsOf(review).changes?.policies ?? [],
    }),
    exportUrl: t.string({
      description: "A relative link to download the review document (valid 5 minutes). It works without a session: treat it as a secret.",
      args: { format: t.arg({ type: ReviewExportFormat, required: true }) },
      resolve: (review, args, context) => reviewExportUrl(context.box, review.id, args.format),
    }),
  }),
});

registerScopedNodeLoader("EnvironmentReview", "review.read", (ids, context) =>
  context.db.environmentReview.findMany({ where: { id: { in: ids } } }),
);

const NEWEST_FIRST = [{ createdAt: "desc" }, { id: "desc" }] as const satisfies Prisma.EnvironmentReviewOrderByWithRelationInput[];

const EnvironmentReviewFilter = builder.inputType("EnvironmentReviewFilter", {
  fields: (t) => ({
    environmentIds: t.idList(),
    statuses: t.field({ type: [EnvironmentReviewStatus] }),
  }),
});

function reviewsWhere(context: Context, workspaceGlobalId: string, filter: typeof EnvironmentReviewFilter.$inferInput | null | undefined) {
  const workspaceId = requireRawId(workspaceGlobalId, "Workspace", "Workspace");
  return visibleReviewsWhere(requireActor(context), workspaceId, {
    environmentIds: rawIdsOf(filter?.environmentIds, "ManagedEnvironment"),
    statuses: filter?.statuses,
  });
}

builder.queryField("environmentReviews", (t) =>
  t.prismaConnection(
    {
      type: "EnvironmentReview",
      cursor: "listOrder",
      description: "Reviews of a workspace you may read, newest first.",
      args: { workspaceId: t.arg.id({ required: true }), filter: t.arg({ type: EnvironmentReviewFilter }) },
      resolve: ({ cursor, skip: _skipCursorRow, ...query }, _root, args, context) => {
        // Keyset paging as for operationRuns: a deep page reads what the first one does.
        const where = reviewsWhere(context, String(args.workspaceId), args.filter);
        const past = cursor ? keysetWhere(cursor.listOrder, query.take < 0 ? "newer" : "older") : undefined;
        return context.db.environmentReview.findMany({
          ...query,
          where: past ? { AND: [where, past] } : where,
          orderBy: [...NEWEST_FIRST],
        });
      },
      totalCount: (_root, args, context) =>
        context.db.environmentReview.count({ where: reviewsWhere(context, String(args.workspaceId), args.filter) }),
    },
    { name: "EnvironmentReviewConnection" },
    { name: "EnvironmentReviewEdge" },
  ),
);

builder.prismaObjectFields("ManagedEnvironment", (t) => ({
  reviews: t.prismaConnection(
    {
      type: "EnvironmentReview",
      cursor: "listOrder",
      description: "Reviews of this environment, newest first.",
      args: { statuses: t.arg({ type: [EnvironmentReviewStatus] }) },
      resolve: ({ cursor, skip: _skipCursorRow, ...query }, environment, args, context) => {
        const where = visibleReviewsWhere(requireActor(context), environment.workspaceId, {
          environmentIds: [environment.id],
          statuses: args.statuses,
        });
        const past = cursor ? keysetWhere(cursor.listOrder, query.take < 0 ? "newer" : "older") : undefined;
        return context.db.environmentReview.findMany({
          ...query,
          where: past ? { AND: [where, past] } : where,
          orderBy: [...NEWEST_FIRST],
        });
      },
      totalCount: (environment, args, context) =>
        context.db.environmentReview.count({
          where: visibleReviewsWhere(requireActor(context), environment.workspaceId, {
            environmentIds: [environment.id],
            statuses: args.statuses,
          }),
        }),
    },
    { name: "ManagedEnvironmentReviewConnection" },
    { name: "ManagedEnvironmentReviewEdge" },
  ),
}));

builder.prismaObjectFields("OperationRun", (t) => ({
  environmentReview: t.field({
    type: EnvironmentReview,
    nullable: true,
    description: "The review an environment.review.compose run composed or reused; null for other runs or without review.read.",
    resolve: (run, _args, context) => reviewOfRun(context.db, requireActor(context), run),
  }),
}));
