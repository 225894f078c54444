import type { Db, EnvironmentReview, Prisma } from "@atlas/db";
import { type Actor, actorLabel, assertCapability, can } from "../access/actor.ts";
import type { Capability } from "../access/capabilities.ts";
import { recordAuditEvent } from "../audit/audit.ts";
import { ConflictError, NotFoundError, ValidationError } from "../errors.ts";
import { type ReviewStatus, reviewStatusesLeadingTo } from "./review-status.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
type Tx = Prisma.TransactionClient;

/** The review if the actor may read it; NotFound otherwise, exactly as for an unknown id. */
export async function getVisibleReview(db: Db | Tx, actor: Actor, reviewId: string): Promise<EnvironmentReview> {
  const review = UUID.test(reviewId) ? await db.environmentReview.findUnique({ where: { id: reviewId } }) : null;
  if (!review || !can(actor, "review.read", review)) throw new NotFoundError("Review");
  return review;
}

/**
 * The one writer of lifecycle moves: locks the review, checks the transition table, writes, and
 * audits in the same transaction. A review already in the target status is answered as it is
 * (repeating a publish or an archive changes nothing and adds no row).
 */
async function moveReview(
  tx: Tx,
  actor: Actor,
  review: EnvironmentReview,
  to: ReviewStatus,
  data: Prisma.EnvironmentReviewUncheckedUpdateManyInput,
  audit: Record<string, unknown> = {},
): Promise<void> {
  if (!reviewStatusesLeadingTo(to).includes(review.status)) {
    throw new ValidationError(`A ${review.status} review cannot become ${to}.`);
  }
  const moved = await tx.environmentReview.updateMany({
    where: { id: review.id, status: review.status },
    data: { ...data, status: to, updatedAt: new Date() },
  });
  if (moved.count !== 1) throw new ConflictError("The review changed meanwhile; reload it and try again.");
  await recordAuditEvent(tx, {
    workspaceId: review.workspaceId,
    environmentId: review.managedEnvironmentId,
    actor,
    action: `environment_review.${to}`,
    targetType: "environment_review",
    targetId: review.id,
    outcome: "success",
    metadata: { from: review.status, fingerprint: review.fingerprint, ...audit },
  });
}

async function lifecycleStep(
  db: Db,
  actor: Actor,
  reviewId: string,
  capability: Capability,
  step: (tx: Tx, review: EnvironmentReview) => Promise<void>,
): Promise<EnvironmentReview> {
  const visible = await getVisibleReview(db, actor, reviewId);
  assertCapability(actor, visible.workspaceId, visible.managedEnvironmentId, capability, "Review");
  await db.$transaction(async (tx) => {
    // One lifecycle change per environment at a time: two publishes cannot both supersede the same review.
    await tx.$queryRaw`select id from managed_environments where id = ${visible.managedEnvironmentId}::uuid for update`;
    const review = await tx.environmentReview.findUniqueOrThrow({ where: { id: visible.id } });
    await step(tx, review);
  });
  return db.environmentReview.findUniqueOrThrow({ where: { id: visible.id } });
}

/**
 * Publishes a ready review (needs review.publish): it becomes immutable, and the environment's
 * previously published review becomes `superseded` by it. Publishing a published review changes nothing.
 */
export async function publishEnvironmentReview(db: Db, actor: Actor, input: { reviewId: string }): Promise<EnvironmentReview> {
  return lifecycleStep(db, actor, input.reviewId, "review.publish", async (tx, review) => {
    if (review.status === "published") return;
    if (review.status !== "ready") throw new ValidationError(`Only a ready review can be published; this one is ${review.status}.`);
    const previous = await tx.environmentReview.findFirst({
      where: { managedEnvironmentId: review.managedEnvironmentId, status: "published" },
    });
    if (previous) await moveReview(tx, actor, previous, "superseded", { supersededById: review.id }, { supersededBy: review.id });
    await moveReview(
      tx,
      actor,
      review,
      "published",
      { publishedAt: new Date(), publishedBy: actorLabel(actor) },
      { supersedes: previous?.id ?? null },
    );
  });
}

/** Archives a review of any status (needs review.publish); archiving an archived review changes nothing. */
export async function archiveEnvironmentReview(db: Db, actor: Actor, input: { reviewId: string }): Promise<EnvironmentReview> {
  return lifecycleStep(db, actor, input.reviewId, "review.publish", async (tx, review) => {
    if (review.status === "archived") return;
    await moveReview(tx, actor, review, "archived", { archivedAt: new Date(), archivedBy: actorLabel(actor) });
  });
}
