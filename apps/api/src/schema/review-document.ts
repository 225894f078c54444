import type { ReviewSections } from "@atlas/core";
import type { EnvironmentReview as EnvironmentReviewRow } from "@atlas/db";
import { builder } from "../builder.ts";
import { toGlobalId } from "../ids.ts";

// The review document's tables, as the HTML and PDF exports print them: ids are the API's global ids,
// so a client links to the runs, backups and restores the review rests on.

const sectionsOf = (review: EnvironmentReviewRow) => review.sections as unknown as Partial<ReviewSections>;
const globalIdOrNull = (type: string, id: string | null | undefined) => (id ? toGlobalId(type, id) : null);

const ReviewInventoryRow = builder.objectRef<ReviewSections["inventory"]["rows"][number]>("ReviewInventoryRow").implement({
  description: "Objects of one type: in the newest inventory sync and in the newest complete backup.",
  fields: (t) => ({
    objectType: t.exposeString("objectType"),
    inventory: t.exposeInt("inventory"),
    backup: t.exposeInt("backup"),
  }),
});

const ReviewCaptureGap = builder.objectRef<{ displayName: string; message: string }>("ReviewCaptureGap").implement({
  fields: (t) => ({ displayName: t.exposeString("displayName"), message: t.exposeString("message") }),
});

const ReviewBackupCoverageRow = builder.objectRef<ReviewSections["backup"]["rows"][number]>("ReviewBackupCoverageRow").implement({
  description: "One type in the review's backup: the provider's own total, what was captured, and the objects with gaps.",
  fields: (t) => ({
    objectType: t.exposeString("objectType"),
    providerTotal: t.exposeInt("providerTotal"),
    captured: t.exposeInt("captured"),
    complete: t.boolean({ resolve: (row) => row.captured >= row.providerTotal && row.gaps.length === 0 }),
    gaps: t.field({ type: [ReviewCaptureGap], resolve: (row) => row.gaps }),
  }),
});

const ReviewRestore = builder.objectRef<ReviewSections["restores"][number]>("ReviewRestore").implement({
  description: "A restore run of the review's period, with whether its proof holds.",
  fields: (t) => ({
    restoreRunId: t.id({ resolve: (restore) => toGlobalId("RestoreRun", restore.restoreRunId) }),
    runId: t.id({ nullable: true, resolve: (restore) => globalIdOrNull("OperationRun", restore.runId) }),
    status: t.exposeString("status", { description: "The restore run's status when the review was composed (lower case)." }),
    outcome: t.exposeString("outcome", { nullable: true }),
    proven: t.exposeBoolean("proven"),
  }),
});

const ReviewProofGapRun = builder.objectRef<ReviewSections["operations"][number]>("ReviewProofGapRun").implement({
  description: "An operation run of the period whose outcome its proof does not fully back.",
  fields: (t) => ({
    runId: t.id({ resolve: (run) => toGlobalId("OperationRun", run.runId) }),
    type: t.exposeString("type"),
    outcome: t.exposeString("outcome"),
    completedAt: t.field({ type: "DateTime", nullable: true, resolve: (run) => (run.completedAt ? new Date(run.completedAt) : null) }),
    gapCodes: t.stringList({ resolve: (run) => run.gaps.map((gap) => gap.code) }),
  }),
});

builder.prismaObjectFields("EnvironmentReview", (t) => ({
  inventory: t.field({ type: [ReviewInventoryRow], resolve: (review) => sectionsOf(review).inventory?.rows ?? [] }),
  backupSetId: t.id({
    nullable: true,
    description: "The backup set the review's coverage section describes.",
    resolve: (review) => globalIdOrNull("BackupSet", sectionsOf(review).backup?.backupSetId),
  }),
  backupCoverage: t.field({ type: [ReviewBackupCoverageRow], resolve: (review) => sectionsOf(review).backup?.rows ?? [] }),
  restores: t.field({ type: [ReviewRestore], resolve: (review) => sectionsOf(review).restores ?? [] }),
  proofGapRuns: t.field({ type: [ReviewProofGapRun], resolve: (review) => sectionsOf(review).operations ?? [] }),
}));
