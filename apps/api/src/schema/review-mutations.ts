import { archiveEnvironmentReview, composeEnvironmentReview, publishEnvironmentReview, setReviewSchedule } from "@atlas/core";
import type { EnvironmentReview as EnvironmentReviewRow, ReviewSchedule as ReviewScheduleRow } from "@atlas/db";
import { builder } from "../builder.ts";
import { requireActor } from "../access.ts";
import { requireRawId } from "../ids.ts";
import { EnvironmentReview } from "./environment-review.ts";
import { resultUnion } from "./errors.ts";
import { StartOperationPayload } from "./operation-run-mutations.ts";

const ComposeEnvironmentReviewInput = builder.inputType("ComposeEnvironmentReviewInput", {
  fields: (t) => ({ environmentId: t.id({ required: true }) }),
});
const EnvironmentReviewInput = builder.inputType("EnvironmentReviewInput", {
  fields: (t) => ({ reviewId: t.id({ required: true }) }),
});

const EnvironmentReviewPayload = builder.objectRef<{ review: EnvironmentReviewRow }>("EnvironmentReviewPayload").implement({
  fields: (t) => ({ review: t.field({ type: EnvironmentReview, resolve: (result) => result.review }) }),
});

const ReviewSchedule = builder.prismaObject("ReviewSchedule", {
  description: "The workspace's monthly review: a compose run for every environment on the given day and hour (UTC).",
  fields: (t) => ({
    enabled: t.exposeBoolean("enabled"),
    dayOfMonth: t.exposeInt("dayOfMonth", { description: "1 to 28." }),
    hourUtc: t.exposeInt("hourUtc", { description: "0 to 23, UTC." }),
    nextRunAt: t.expose("nextRunAt", { type: "DateTime", nullable: true, description: "Null while disabled." }),
    lastRunAt: t.expose("lastRunAt", { type: "DateTime", nullable: true }),
  }),
});

builder.prismaObjectFields("Workspace", (t) => ({
  reviewSchedule: t.relation("reviewSchedule", { nullable: true, description: "Null until a review schedule was saved." }),
}));

const SetReviewScheduleInput = builder.inputType("SetReviewScheduleInput", {
  fields: (t) => ({
    workspaceId: t.id({ required: true }),
    enabled: t.boolean({ required: true }),
    dayOfMonth: t.int({ required: true, description: "1 to 28; anything else is refused, never adjusted." }),
    hourUtc: t.int({ required: true, description: "0 to 23 (UTC)." }),
  }),
});

const ReviewSchedulePayload = builder.objectRef<{ schedule: ReviewScheduleRow }>("ReviewSchedulePayload").implement({
  fields: (t) => ({ schedule: t.field({ type: ReviewSchedule, resolve: (result) => result.schedule }) }),
});

const reviewIdOf = (globalId: string | number) => requireRawId(globalId, "EnvironmentReview", "Review");

builder.mutationFields((t) => ({
  composeEnvironmentReview: t.field({
    type: StartOperationPayload,
    errors: resultUnion("ComposeEnvironmentReviewResult", "The started (or deduplicated) compose run, or why it could not start."),
    description:
      "Enqueues an environment.review.compose run (needs review.compose). The run reuses the ready review of equal inputs or composes a new one; returns the active run when one exists.",
    args: { input: t.arg({ type: ComposeEnvironmentReviewInput, required: true }) },
    resolve: (_root, { input }, context) =>
      composeEnvironmentReview(context.db, requireActor(context), {
        environmentId: requireRawId(input.environmentId, "ManagedEnvironment", "Environment"),
      }),
  }),
  publishEnvironmentReview: t.field({
    type: EnvironmentReviewPayload,
    errors: resultUnion("PublishEnvironmentReviewResult", "The published review, or why it could not be published."),
    description:
      "Publishes a ready review (needs review.publish: managers and owners); the environment's previously published review becomes SUPERSEDED. Publishing a published review changes nothing.",
    args: { input: t.arg({ type: EnvironmentReviewInput, required: true }) },
    resolve: async (_root, { input }, context) => ({
      review: await publishEnvironmentReview(context.db, requireActor(context), { reviewId: reviewIdOf(input.reviewId) }),
    }),
  }),
  setReviewSchedule: t.field({
    type: ReviewSchedulePayload,
    errors: resultUnion("SetReviewScheduleResult", "The saved schedule, or why it could not be saved."),
    description: "Saves the workspace's monthly review schedule (needs workspace.manage).",
    args: { input: t.arg({ type: SetReviewScheduleInput, required: true }) },
    resolve: async (_root, { input }, context) => ({
      schedule: await setReviewSchedule(context.db, requireActor(context), {
        workspaceId: requireRawId(input.workspaceId, "Workspace", "Workspace"),
        enabled: input.enabled,
        dayOfMonth: input.dayOfMonth,
        hourUtc: input.hourUtc,
      }),
    }),
  }),
  archiveEnvironmentReview: t.field({
    type: EnvironmentReviewPayload,
    errors: resultUnion("ArchiveEnvironmentReviewResult", "The archived review, or why it could not be archived."),
    description: "Archives a review (needs review.publish). Archiving an archived review changes nothing.",
    args: { input: t.arg({ type: EnvironmentReviewInput, required: true }) },
    resolve: async (_root, { input }, context) => ({
      review: await archiveEnvironmentReview(context.db, requireActor(context), { reviewId: reviewIdOf(input.reviewId) }),
    }),
  }),
}));
