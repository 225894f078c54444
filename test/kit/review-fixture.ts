import type { Db } from "@atlas/db";
import { type Actor, composeEnvironmentReview, readRunContext, storedReconciliation } from "@atlas/core";
import { waitForCompletion } from "./sync-fixture.ts";

/** Composes an environment's review through the real path (run, worker, adapter) and waits for the run. */
export async function composeReviewOf(db: Db, actor: Actor, environmentId: string) {
  const started = Date.now();
  const { run } = await composeEnvironmentReview(db, actor, { environmentId });
  const done = await waitForCompletion(db, run.id, 60_000);
  const context = readRunContext("environment.review.compose", done.context);
  const review = context.reviewId ? await db.environmentReview.findUnique({ where: { id: context.reviewId } }) : null;
  return { run: done, context, review, verdict: storedReconciliation(done.context)?.latest, wallMs: Date.now() - started };
}

/** Wording of the database that must never reach a message a user reads. */
export const DATABASE_WORDING = /constraint|duplicate key|unique|violat|sql|prisma|relation "|\bselect\b|\binsert\b|on conflict/i;
