// What a baseline deployment is, derived on every read from its restore runs and their operation
// runs (preview, execution and its reconciliation): the deployment row stores who asked and who
// approved, never a status that could disagree with the runs that do the work. This is the one
// place that maps those records to the deployment's state, each tenant's outcome and the proof.

import type { BaselineDeployment, Db, OperationRun, RestoreRun } from "@atlas/db";
import type { RunOutcome, RunStatus } from "../operations/status.ts";
import { restoreRunResult } from "../restore/restore-queries.ts";
import type { RestoreRunStatus, SafetyCheck } from "../restore/restore-status.ts";
import { restoreStage } from "../restore/restore-status.ts";

export const DEPLOYMENT_STATES = ["previewing", "awaiting_approval", "running", "succeeded", "partially_succeeded", "failed"] as const;
export type DeploymentState = (typeof DEPLOYMENT_STATES)[number];

export const DEPLOYMENT_TARGET_OUTCOMES = [
  "previewing",
  "previewed",
  "blocked",
  "running",
  "succeeded",
  "partially_succeeded",
  "failed",
] as const;
export type DeploymentTargetOutcome = (typeof DEPLOYMENT_TARGET_OUTCOMES)[number];

type RunFacts = { status: RunStatus; outcome: RunOutcome } | null;

export interface TargetFacts {
  dryRun: boolean;
  approved: boolean;
  restoreStatus: RestoreRunStatus;
  previewRun: RunFacts;
  executeRun: RunFacts;
  blockers: number;
}

/** One tenant's place in the deployment, from its restore run and that run's operation runs. */
export function targetOutcomeOf(facts: TargetFacts): DeploymentTargetOutcome {
  if (restoreStage(facts.restoreStatus) === "planning") {
    if (facts.previewRun?.status !== "completed") return "previewing";
    if (facts.blockers > 0) return "blocked";
    // A preview that ended without a plan (the run is not previewed) cannot be executed.
    if (facts.restoreStatus !== "previewed") return "failed";
    // Approval confirms every previewed run; one still planning afterwards was never started.
    return facts.approved ? "failed" : "previewed";
  }
  if (facts.executeRun?.status !== "completed") return "running";
  if (facts.executeRun.outcome === "succeeded") return "succeeded";
  if (facts.executeRun.outcome === "partially_succeeded") return "partially_succeeded";
  return "failed";
}

/** The deployment's state from its tenants' outcomes: a dry run ends with its previews. */
export function deploymentStateOf(dryRun: boolean, approved: boolean, outcomes: readonly DeploymentTargetOutcome[]): DeploymentState {
  if (outcomes.length === 0) return "failed";
  if (outcomes.includes("previewing")) return "previewing";
  if (!dryRun && !approved) return "awaiting_approval";
  if (outcomes.includes("running")) return "running";
  const good: DeploymentTargetOutcome = dryRun ? "previewed" : "succeeded";
  const goodCount = outcomes.filter((outcome) => outcome === good).length;
  if (goodCount === outcomes.length) return "succeeded";
  if (goodCount > 0 || outcomes.includes("partially_succeeded")) return "partially_succeeded";
  return "failed";
}

export interface PreviewCounts {
  create: number;
  update: number;
  unchanged: number;
  skip: number;
}

export interface DeploymentTargetView {
  restoreRun: RestoreRun;
  outcome: DeploymentTargetOutcome;
  /** What the preview says the tenant would get (zeros until it has run). */
  preview: PreviewCounts;
  /** The restore's success proof holds (result-attention's "proven" claim). */
  proven: boolean;
  /** The blocking safety checks of the preview, as their messages. */
  blockers: string[];
}

export interface DeploymentView {
  state: DeploymentState;
  /** Only a live deployment whose every tenant's restore is proven. */
  proven: boolean;
  targets: DeploymentTargetView[];
}

function previewCountsOf(summary: unknown): PreviewCounts {
  const counts = (summary ?? {}) as Partial<Record<"create" | "update" | "noChange" | "skip", number>>;
  return { create: counts.create ?? 0, update: counts.update ?? 0, unchanged: counts.noChange ?? 0, skip: counts.skip ?? 0 };
}

const factsOf = (run: Pick<OperationRun, "status" | "outcome"> | null | undefined): RunFacts =>
  run ? { status: run.status as RunStatus, outcome: run.outcome as RunOutcome } : null;

/** The deployment's restore runs, by target name. */
export function deploymentRestoreRuns(db: Db, deploymentId: string): Promise<RestoreRun[]> {
  return db.restoreRun.findMany({
    where: { baselineDeploymentId: deploymentId, deletedAt: null },
    orderBy: [{ targetLabel: "asc" }, { id: "asc" }],
  });
}

export async function deploymentView(db: Db, deployment: BaselineDeployment): Promise<DeploymentView> {
  const runs = await deploymentRestoreRuns(db, deployment.id);
  const runIds = runs.flatMap((run) => [run.previewOperationRunId, run.operationRunId]).filter((id): id is string => Boolean(id));
  const operationRuns = new Map(
    (await db.operationRun.findMany({ where: { id: { in: runIds } }, select: { id: true, status: true, outcome: true } })).map((run) => [
      run.id,
      run,
    ]),
  );
  const approved = deployment.approvedAt !== null;
  const targets = await Promise.all(
    runs.map(async (run): Promise<DeploymentTargetView> => {
      const checks = (run.checks ?? []) as unknown as SafetyCheck[];
      const blockers = checks.filter((check) => check.severity === "blocker").map((check) => check.message);
      const outcome = targetOutcomeOf({
        dryRun: run.dryRun,
        approved,
        restoreStatus: run.status,
        previewRun: factsOf(run.previewOperationRunId ? operationRuns.get(run.previewOperationRunId) : null),
        executeRun: factsOf(run.operationRunId ? operationRuns.get(run.operationRunId) : null),
        blockers: blockers.length,
      });
      // Only a succeeded execution can be proven; the proof itself is read where a restore's is.
      const proven =
        !run.dryRun && outcome === "succeeded" && (await restoreRunResult(db, run)).attention.recoveryClaimBoundaryCode === "proven";
      return { restoreRun: run, outcome, preview: previewCountsOf(run.previewSummary), proven, blockers };
    }),
  );
  return {
    state: deploymentStateOf(
      deployment.dryRun,
      approved,
      targets.map((target) => target.outcome),
    ),
    proven: !deployment.dryRun && targets.length > 0 && targets.every((target) => target.proven),
    targets,
  };
}
