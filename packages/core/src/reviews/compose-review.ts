import type { Db, EnvironmentReview, OperationRun, Prisma } from "@atlas/db";
import { type Actor, assertVisible } from "../access/actor.ts";
import { NotFoundError } from "../errors.ts";
import { type StartRunResult, startOperationRun } from "../operations/start-run.ts";
import { composeReviewSections } from "./review-sections.ts";
import { gatherReviewEvidence, reviewFingerprint } from "./review-evidence.ts";
import { MUTABLE_REVIEW_STATUSES, reviewStatusesLeadingTo } from "./review-status.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Starts (or joins the active) compose run of one environment's review: one active run per
 * environment, the worker composes or reuses the review.
 */
export async function composeEnvironmentReview(db: Db, actor: Actor, input: { environmentId: string }): Promise<StartRunResult> {
  if (!UUID.test(input.environmentId)) throw new NotFoundError("Environment");
  const environment = await db.managedEnvironment.findUnique({ where: { id: input.environmentId } });
  if (!environment) throw new NotFoundError("Environment");
  assertVisible(actor, environment.workspaceId, environment.id, "Environment");
  return startOperationRun(db, actor, {
    workspaceId: environment.workspaceId,
    environmentId: environment.id,
    type: "environment.review.compose",
    capability: "review.compose",
  });
}

export type ComposeResult =
  | { ok: true; reviewId: string; fingerprint: string; reused: boolean }
  | { ok: false; reviewId: string; fingerprint: string; error: unknown };

/** What a user reads when composing failed; the raw error goes to the worker's log only. */
export const COMPOSE_FAILURE_MESSAGE =
  "The review could not be composed from the stored records. Compose it again; if it fails again, contact support.";

async function mutableReview(db: Db, environmentId: string, fingerprint: string): Promise<EnvironmentReview | null> {
  return db.environmentReview.findFirst({
    where: { managedEnvironmentId: environmentId, fingerprint, status: { in: [...MUTABLE_REVIEW_STATUSES] } },
  });
}

/**
 * The compose job's work, from local records only. A mutable review with the same fingerprint is
 * reused (no new row); otherwise a draft is inserted and composed to `ready`. The partial unique
 * index decides a race: the insert that loses does nothing and adopts the winner's row, so a
 * collision is never an error. A composition that throws leaves its review `failed` with a reason.
 */
export async function composeReviewForRun(db: Db, run: OperationRun): Promise<ComposeResult> {
  if (!run.managedEnvironmentId) throw new Error("environment.review.compose needs an environment.");
  const scope = { workspaceId: run.workspaceId, environmentId: run.managedEnvironmentId };
  const evidence = await gatherReviewEvidence(db, scope);
  const fingerprint = reviewFingerprint(evidence);
  const existing = await mutableReview(db, scope.environmentId, fingerprint);
  if (existing?.status === "ready") return { ok: true, reviewId: existing.id, fingerprint, reused: true };
  let target = existing;
  let inserted = false;
  if (!target) {
    const rows = await db.$queryRaw<{ id: string }[]>`
      insert into environment_reviews (workspace_id, managed_environment_id, status, fingerprint, evidence, period_start, period_end, composed_by_run_id)
      values (${scope.workspaceId}::uuid, ${scope.environmentId}::uuid, 'draft', ${fingerprint}, ${JSON.stringify(evidence)}::jsonb,
              ${evidence.periodStart}::timestamptz, now(), ${run.id}::uuid)
      on conflict (managed_environment_id, fingerprint) where status in ('draft', 'ready', 'failed') do nothing
      returning id`;
    inserted = rows.length === 1;
    target = await (inserted
      ? db.environmentReview.findUniqueOrThrow({ where: { id: rows[0]!.id } })
      : mutableReview(db, scope.environmentId, fingerprint));
    // The winner was published or archived between its insert and our read: nothing to adopt, try again.
    if (!target) return composeReviewForRun(db, run);
    if (target.status === "ready") return { ok: true, reviewId: target.id, fingerprint, reused: true };
  }
  // A draft (ours, or a winner still composing) or a failed review of these inputs: compose it.
  // Equal evidence composes equal sections, so two jobs finishing the same draft write the same thing.
  try {
    const sections = await composeReviewSections(db, evidence);
    await db.environmentReview.updateMany({
      where: { id: target.id, status: { in: reviewStatusesLeadingTo("ready") } },
      data: {
        status: "ready",
        sections: sections as unknown as Prisma.InputJsonValue,
        composedAt: new Date(),
        composedByRunId: run.id,
        failureReasonCode: null,
        failureMessage: null,
        updatedAt: new Date(),
      },
    });
    return { ok: true, reviewId: target.id, fingerprint, reused: !inserted };
  } catch (error) {
    await db.environmentReview.updateMany({
      where: { id: target.id, status: { in: reviewStatusesLeadingTo("failed") } },
      data: { status: "failed", failureReasonCode: "compose_failed", failureMessage: COMPOSE_FAILURE_MESSAGE, updatedAt: new Date() },
    });
    return { ok: false, reviewId: target.id, fingerprint, error };
  }
}
