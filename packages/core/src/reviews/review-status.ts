import type { EnvironmentReviewStatus } from "@atlas/db";

export const REVIEW_STATUSES = [
  "draft",
  "ready",
  "failed",
  "published",
  "archived",
  "superseded",
] as const satisfies readonly EnvironmentReviewStatus[];
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/**
 * Mutable reviews may still be (re)composed; the partial unique index
 * `environment_reviews_fingerprint_mutable_unique` keeps one of them per (environment, fingerprint).
 * Published, archived and superseded reviews are history and never change content again.
 */
export const MUTABLE_REVIEW_STATUSES = ["draft", "ready", "failed"] as const satisfies readonly ReviewStatus[];

/** The statuses that prove a compose run: the review exists in full and was not retired. */
export const PROVING_REVIEW_STATUSES = ["ready", "published"] as const satisfies readonly ReviewStatus[];

/**
 * The review transition table: the only moves a review may make. A failed review is composed again
 * by the next run with its fingerprint (failed -> ready); publishing supersedes the previous
 * published review (published -> superseded).
 */
export const REVIEW_TRANSITIONS: Record<ReviewStatus, readonly ReviewStatus[]> = {
  draft: ["ready", "failed", "archived"],
  ready: ["published", "archived"],
  failed: ["ready", "failed", "archived"],
  published: ["superseded", "archived"],
  superseded: ["archived"],
  archived: [],
};

/** The statuses a review may be in to move to `to`. */
export function reviewStatusesLeadingTo(to: ReviewStatus): ReviewStatus[] {
  return REVIEW_STATUSES.filter((from) => REVIEW_TRANSITIONS[from].includes(to));
}
