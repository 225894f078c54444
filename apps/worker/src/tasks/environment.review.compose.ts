import { COMPOSE_FAILURE_MESSAGE, completeRun, composeReviewForRun, reconcileRun, reportProgress } from "@atlas/core";
import { parseTaskPayload } from "@atlas/jobs";
import type { Task } from "graphile-worker";
import { type WorkerDeps, withClaimedRun } from "../run-task.ts";

/**
 * Composes (or reuses) the environment's review from local records; no provider call. The run
 * records the fingerprint and the review, and the review-compose adapter decides the outcome.
 */
export function environmentReviewComposeTask(deps: WorkerDeps): Task {
  return async (payload, helpers) => {
    const { runId } = parseTaskPayload("environment.review.compose", payload);
    await withClaimedRun(deps, runId, helpers, async ({ run }) => {
      const result = await composeReviewForRun(deps.db, run);
      const finishedAt = new Date().toISOString();
      const context = { fingerprint: result.fingerprint, reviewId: result.reviewId, executionFinishedAt: finishedAt };
      if (!result.ok) {
        // Composition reads stored records only: trying the same records again gives the same failure.
        deps.log("review compose failed", { runId, reviewId: result.reviewId, error: String(result.error) });
        await reportProgress(deps.db, run, { progress: 1, context });
        await completeRun(deps.db, runId, "failed", {
          reasonCode: "review_compose_failed",
          message: COMPOSE_FAILURE_MESSAGE,
          failure: true,
          heldBy: run.workerId,
        });
        return;
      }
      const finished = await reportProgress(deps.db, run, {
        progress: 1,
        summaryCounts: { reviewsCreated: result.reused ? 0 : 1, reviewsReused: result.reused ? 1 : 0 },
        context: { ...context, reused: result.reused },
      });
      await reconcileRun(deps.db, runId, { run: finished });
    });
  };
}
