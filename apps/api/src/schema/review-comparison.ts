import { type BackupCompleteness, type ReviewComparison, compareEnvironmentReviews } from "@atlas/core";
import { builder } from "../builder.ts";
import { requireActor } from "../access.ts";
import { requireRawId } from "../ids.ts";
import { EnvironmentReview, ReviewPolicyChange } from "./environment-review.ts";
import { resultUnion } from "./errors.ts";

const ReviewCountComparison = builder.objectRef<ReviewComparison["counts"][number]>("ReviewCountComparison").implement({
  description: "One of the review document's counts in both reviews.",
  fields: (t) => ({ key: t.exposeString("key"), left: t.exposeInt("left"), right: t.exposeInt("right") }),
});

const ReviewInventoryDifference = builder.objectRef<ReviewComparison["inventory"][number]>("ReviewInventoryDifference").implement({
  description: "An object type whose inventory count differs between the two reviews.",
  fields: (t) => ({ objectType: t.exposeString("objectType"), left: t.exposeInt("left"), right: t.exposeInt("right") }),
});

const ReviewBackupCompleteness = builder.objectRef<BackupCompleteness>("ReviewBackupCompleteness").implement({
  fields: (t) => ({
    providerTotal: t.exposeInt("providerTotal"),
    captured: t.exposeInt("captured"),
    gaps: t.exposeInt("gaps", { description: "Objects not captured or captured with a gap." }),
    complete: t.exposeBoolean("complete"),
  }),
});

const ReviewBackupDifference = builder.objectRef<ReviewComparison["backup"][number]>("ReviewBackupDifference").implement({
  description: "An object type whose backup completeness differs between the two reviews.",
  fields: (t) => ({
    objectType: t.exposeString("objectType"),
    left: t.field({
      type: ReviewBackupCompleteness,
      nullable: true,
      description: "Null: not in that review's backup.",
      resolve: (row) => row.left,
    }),
    right: t.field({ type: ReviewBackupCompleteness, nullable: true, resolve: (row) => row.right }),
  }),
});

const EnvironmentReviewComparison = builder.objectRef<ReviewComparison>("EnvironmentReviewComparison").implement({
  description: "Two reviews of one environment side by side: both reviews' counts, and only what differs between them.",
  fields: (t) => ({
    left: t.field({ type: EnvironmentReview, resolve: (comparison) => comparison.left }),
    right: t.field({ type: EnvironmentReview, resolve: (comparison) => comparison.right }),
    counts: t.field({ type: [ReviewCountComparison], resolve: (comparison) => comparison.counts }),
    inventory: t.field({ type: [ReviewInventoryDifference], resolve: (comparison) => comparison.inventory }),
    backup: t.field({ type: [ReviewBackupDifference], resolve: (comparison) => comparison.backup }),
    changes: t.field({
      type: [ReviewPolicyChange],
      description: "Policies that differ between the left review's backup and the right review's backup, with setting-level differences.",
      resolve: (comparison) => comparison.policies,
    }),
  }),
});

builder.queryField("compareEnvironmentReviews", (t) =>
  t.field({
    type: EnvironmentReviewComparison,
    errors: resultUnion("CompareEnvironmentReviewsResult", "The comparison, or why the two reviews cannot be compared."),
    description:
      "Compares two reviews of one environment you may read (left is the earlier one by convention); a review you may not read answers NotFoundError.",
    args: { leftId: t.arg.id({ required: true }), rightId: t.arg.id({ required: true }) },
    resolve: (_root, args, context) =>
      compareEnvironmentReviews(
        context.db,
        requireActor(context),
        requireRawId(args.leftId, "EnvironmentReview", "Review"),
        requireRawId(args.rightId, "EnvironmentReview", "Review"),
      ),
  }),
);
