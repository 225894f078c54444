import { z } from "zod";

/** What an environment.review.compose run keeps in its context: the proof its adapter checks. */
export const reviewComposeContext = z.object({
  /** The fingerprint of the inputs this run composed from (sha256 hex). */
  fingerprint: z.string().optional(),
  /** The review the run composed or reused. */
  reviewId: z.string().optional(),
  /** True when an existing mutable review with the same fingerprint was reused (no new row). */
  reused: z.boolean().optional(),
  executionFinishedAt: z.string().optional(),
});

export type ReviewComposeContext = z.output<typeof reviewComposeContext>;
