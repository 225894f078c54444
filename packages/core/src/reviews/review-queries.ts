import type { Db, EnvironmentReview, OperationRun, Prisma } from "@atlas/db";
import { type Actor, can } from "../access/actor.ts";
import { environmentScopeWhere } from "../access/visibility.ts";
import { ForbiddenError } from "../errors.ts";
import { readRunContext } from "../operations/run-context.ts";
import type { ReviewStatus } from "./review-status.ts";

export interface ReviewFilter {
  environmentIds?: string[] | null;
  statuses?: ReviewStatus[] | null;
}

/** Reviews of a workspace the actor may read; NotFound for a workspace the actor is not a member of. */
export function visibleReviewsWhere(actor: Actor, workspaceId: string, filter: ReviewFilter = {}): Prisma.EnvironmentReviewWhereInput {
  const scope = environmentScopeWhere(actor, workspaceId, filter.environmentIds);
  if (!can(actor, "review.read", { workspaceId })) throw new ForbiddenError("review.read");
  return { ...scope, ...(filter.statuses?.length ? { status: { in: filter.statuses } } : {}) };
}

/** The review an environment.review.compose run composed or reused, when the actor may read it. */
export async function reviewOfRun(db: Db, actor: Actor, run: OperationRun): Promise<EnvironmentReview | null> {
  if (run.type !== "environment.review.compose") return null;
  const { reviewId } = readRunContext("environment.review.compose", run.context);
  if (!reviewId) return null;
  const review = await db.environmentReview.findUnique({ where: { id: reviewId } });
  // A review of another scope is never shown through this run, even to someone who could read it.
  if (!review || review.workspaceId !== run.workspaceId || review.managedEnvironmentId !== run.managedEnvironmentId) return null;
  return can(actor, "review.read", review) ? review : null;
}
