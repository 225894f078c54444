import { type Db, type OperationRun, PREPARED_STATEMENT } from "@atlas/db";
import { type Actor, SYSTEM_ACTOR, assertCapability } from "../access/actor.ts";
import { NotFoundError } from "../errors.ts";
import { type RunLifecycleContext, readRunLifecycle } from "../operations/run-context.ts";
import { completeRun } from "../operations/run-lifecycle.ts";
import type { StoredReconciliation } from "../operations/transition.ts";
import { adapterFor } from "./registry.ts";
import type { ReconciliationResult } from "./types.ts";

const HISTORY_LIMIT = 10;
/** How long proof may stay missing after execution before the run fails closed. */
export const DEFAULT_PROOF_DEADLINE_MS = 10 * 60 * 1000;

export function storedReconciliation(context: unknown): RunLifecycleContext["reconciliation"] {
  return readRunLifecycle(context).reconciliation;
}

/** Key order is not meaningful (jsonb reorders keys), so compare a canonical form. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonical(inner)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function sameVerdict(a: ReconciliationResult, b: ReconciliationResult): boolean {
  const strip = ({ evaluatedAt: _ignored, ...rest }: ReconciliationResult) => canonical(rest);
  return strip(a) === strip(b);
}

/**
 * Asks the run's adapter for a verdict and applies it: stores it (bounded history, idempotent),
 * completes an active run whose outcome is now proven, and fails closed past the proof deadline.
 */
export async function reconcileRun(
  db: Db,
  runId: string,
  options: {
    actor?: Actor;
    now?: Date;
    proofDeadlineMs?: number;
    /** The run as its worker just wrote it (progress, completion): saves reading it again. */
    run?: OperationRun;
  } = {},
): Promise<{ run: OperationRun; result: ReconciliationResult }> {
  const now = options.now ?? new Date();
  const run = options.run?.id === runId ? options.run : await db.operationRun.findUnique({ where: { id: runId } });
  if (!run) throw new NotFoundError("Operation run");
  if (options.actor) assertCapability(options.actor, run.workspaceId, run.managedEnvironmentId, "operations.reconcile", "Operation run");
  const adapter = adapterFor(run.type);
  const verdict = adapter
    ? await adapter.reconcile(db, run)
    : { decision: "unsupported" as const, reasonCode: "no_adapter", proofGaps: [], evidence: [] };
  const result: ReconciliationResult = {
    ...verdict,
    adapter: adapter?.name ?? "none",
    adapterVersion: adapter?.version ?? "0",
    evaluatedAt: now.toISOString(),
  };
  const actor = options.actor ?? SYSTEM_ACTOR;
  const changed = changedReconciliation(run, result);
  // The run as it now stands; re-read only when a move this call attempted did not apply.
  let latest: OperationRun | undefined;
  if (run.status !== "completed" && result.decision === "reconciled" && result.outcome) {
    // The verdict that proves the outcome is stored by the statement that completes the run.
    latest = await completeRun(db, run.id, result.outcome, {
      reasonCode: result.reasonCode,
      message: result.proofGaps.map((gap) => gap.message).join(" ") || undefined,
      actor,
      failure: result.outcome !== "succeeded",
      reconciliation: changed,
    });
    // Another move completed it first: the verdict is kept all the same.
    if (!latest && changed) await storeResult(db, run, changed);
    return { run: latest ?? (await db.operationRun.findUniqueOrThrow({ where: { id: run.id } })), result };
  }
  latest = changed ? await storeResult(db, run, changed) : run;
  if (run.status !== "completed" && result.decision === "not_reconciled" && executionFinished(run)) {
    const deadline = run.reconcileDeadlineAt ?? new Date(now.getTime() + (options.proofDeadlineMs ?? DEFAULT_PROOF_DEADLINE_MS));
    if (!run.reconcileDeadlineAt) latest = await db.operationRun.update({ where: { id: run.id }, data: { reconcileDeadlineAt: deadline } });
    if (deadline.getTime() <= now.getTime()) {
      latest = await completeRun(db, run.id, adapter?.deadlineOutcome ?? "failed", {
        reasonCode: "proof_deadline_passed",
        message: `Proof still missing at the deadline: ${result.proofGaps.map((gap) => gap.code).join(", ")}.`,
        actor,
        failure: true,
      });
    }
  }
  return { run: latest ?? (await db.operationRun.findUniqueOrThrow({ where: { id: run.id } })), result };
}

function executionFinished(run: OperationRun): boolean {
  return Boolean(readRunLifecycle(run.context).executionFinishedAt);
}

/**
 * The reconciliation to store when the verdict differs from the latest stored one (idempotent:
 * the same verdict again stores nothing), with the earlier verdicts as a bounded history.
 */
function changedReconciliation(run: OperationRun, result: ReconciliationResult): StoredReconciliation | undefined {
  const stored = storedReconciliation(run.context);
  if (stored && sameVerdict(stored.latest, result)) return undefined;
  const history = [stored?.latest, ...(stored?.history ?? [])].filter(Boolean).slice(0, HISTORY_LIMIT) as ReconciliationResult[];
  return { reconciliation: { latest: result, history }, hasProofGaps: result.proofGaps.length > 0 };
}

/** Stores a changed verdict; answers the run as stored, with the columns the update wrote. */
async function storeResult(db: Db, run: OperationRun, changed: StoredReconciliation): Promise<OperationRun> {
  const [written] = await db.$queryRaw<Pick<OperationRun, "context" | "hasProofGaps" | "updatedAt">[]>`${PREPARED_STATEMENT}
    update operation_runs
       set context = jsonb_set(context, '{reconciliation}', ${JSON.stringify(changed.reconciliation)}::jsonb),
           has_proof_gaps = ${changed.hasProofGaps},
           updated_at = now()
     where id = ${run.id}::uuid
     returning context, has_proof_gaps as "hasProofGaps", updated_at as "updatedAt"`;
  return { ...run, ...written };
}
