import type { OperationType } from "@atlas/jobs";
import { z } from "zod";
import { backupCaptureContext } from "../backup/capture-context.ts";
import { driftCheckContext } from "../drift/drift-context.ts";
import { inventorySyncContext } from "../inventory/sync-context.ts";
import { reviewComposeContext } from "../reviews/review-context.ts";
import { RUN_OUTCOMES } from "./status.ts";

/**
 * A run's `context` is JSON owned by two writers: the run machinery (cancel requests, the end of
 * execution, reconciliation verdicts) and the run's own task (cursor, totals, links to domain
 * records). Each side has a zod schema, and every reader parses instead of casting.
 */

const reconciliationResult = z.object({
  decision: z.enum(["reconciled", "not_reconciled", "unsupported"]),
  outcome: z.enum(RUN_OUTCOMES).exclude(["pending"]).optional(),
  reasonCode: z.string(),
  proofGaps: z.array(
    z.object({
      code: z.string(),
      message: z.string(),
      expectedEvidence: z.string().optional(),
      params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    }),
  ),
  evidence: z.array(z.object({ kind: z.string(), id: z.string().optional(), value: z.string().optional() })),
  adapter: z.string(),
  adapterVersion: z.string(),
  evaluatedAt: z.string(),
});

/** The keys the run machinery keeps in every run's context, whatever its type. */
const runLifecycleContext = z.object({
  executionFinishedAt: z.string().optional(),
  cancelRequestedAt: z.string().optional(),
  reconciliation: z.object({ latest: reconciliationResult, history: z.array(reconciliationResult) }).optional(),
});

export type RunLifecycleContext = z.infer<typeof runLifecycleContext>;

export function readRunLifecycle(context: unknown): RunLifecycleContext {
  return runLifecycleContext.parse(context ?? {});
}

const restoreLink = {
  /** Optional so a run whose restore run link is lost fails closed in its adapter instead of crashing it. */
  restoreRunId: z.string().optional(),
  executionFinishedAt: z.string().optional(),
};

/** Each operation type's own context keys (the machinery's keys are read with `readRunLifecycle`). */
export const runContextSchemas = {
  "inventory.sync": inventorySyncContext,
  "backup.capture": backupCaptureContext,
  "policy.capture_snapshot": z.object({
    objectType: z.string(),
    providerId: z.string(),
    displayName: z.string().optional(),
    policyVersionId: z.string().optional(),
    gaps: z.array(z.object({ code: z.string(), message: z.string() })).default([]),
    executionFinishedAt: z.string().optional(),
  }),
  "restore.preview": z.object(restoreLink),
  "restore.execute": z.object({
    ...restoreLink,
    dryRun: z.boolean().optional(),
    /** The evidence snapshot the run's own final verification phase wrote: the one its proof rests on. */
    finalVerificationSnapshotId: z.string().optional(),
  }),
  "environment.review.compose": reviewComposeContext,
  "drift.check": driftCheckContext,
} satisfies Record<OperationType, z.ZodType>;

export type RunContext<T extends OperationType> = z.output<(typeof runContextSchemas)[T]>;
/** What starting a run of the type may put into its context. */
export type RunContextInput<T extends OperationType> = z.input<(typeof runContextSchemas)[T]>;

/** The type's own context of a run, parsed: a malformed context is an error, never a guess. */
export function readRunContext<T extends OperationType>(type: T, context: unknown): RunContext<T> {
  return runContextSchemas[type].parse(context ?? {}) as RunContext<T>;
}
