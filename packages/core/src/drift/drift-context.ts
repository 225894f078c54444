import { z } from "zod";

/** What a drift.check run keeps in its context: what it compared against and the evidence of its capture. */
export const driftCheckContext = z.object({
  /** The latest version of every baseline assigned to the environment when the check began. */
  baselineVersionIds: z.array(z.string()).default([]),
  /** The object types those versions cover: the only ones the check captures. */
  types: z.array(z.string()).default([]),
  completedTypes: z.array(z.string()).default([]),
  /** How many objects the listing returned per type (minus those deleted before they were read). */
  providerTotals: z.record(z.string(), z.number()).default({}),
  /** The provider's own total per type (`@odata.count`), where it gave one. */
  reportedCounts: z.record(z.string(), z.number()).default({}),
  /** How many objects were captured completely per type. */
  capturedCounts: z.record(z.string(), z.number()).default({}),
  /** What kept the capture from being complete: the adapter names each, and no finding is resolved by it. */
  gaps: z
    .array(
      z.object({
        code: z.string(),
        message: z.string(),
        params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
      }),
    )
    .default([]),
  /** Findings the check recorded (new or seen again) and those it resolved. */
  findingCount: z.number().optional(),
  resolvedCount: z.number().optional(),
  executionFinishedAt: z.string().optional(),
});

export type DriftCheckContext = z.output<typeof driftCheckContext>;
