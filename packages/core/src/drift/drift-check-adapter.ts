import type { Db, OperationRun } from "@atlas/db";
import type { ProofGapCode } from "../codes.ts";
import { readRunContext } from "../operations/run-context.ts";
import { type AdapterProofGap, type EvidenceRef, type ReconciliationAdapter, executionNotFinished } from "../reconciliation/types.ts";

/**
 * A drift check is proven only by a complete capture of every covered type: each type read to the
 * end, as many objects captured as the listing returned and at least the provider's own total
 * (`@odata.count`), and no object captured with a gap. Anything short is named as a gap and the run
 * is not SUCCEEDED: a check that could not see everything never says "no drift".
 */
export const driftCheckAdapter: ReconciliationAdapter = {
  name: "driftCheckAdapter",
  version: "1",
  supports: (type) => type === "drift.check",
  deadlineOutcome: "partially_succeeded",
  async reconcile(_db: Db, run: OperationRun) {
    const check = readRunContext("drift.check", run.context);
    if (!check.executionFinishedAt) return executionNotFinished("The drift check is still capturing.");
    const gaps: AdapterProofGap[] = [];
    const evidence: EvidenceRef[] = check.baselineVersionIds.map((id) => ({ kind: "baseline_version", id }));
    for (const type of check.types) {
      const listed = check.providerTotals[type];
      const captured = check.capturedCounts[type] ?? 0;
      const reported = check.reportedCounts[type];
      evidence.push({ kind: "type_count", id: type, value: `${captured}/${reported ?? listed ?? "?"}` });
      if (!check.completedTypes.includes(type) || listed === undefined) {
        gaps.push({
          code: "DRIFT_TYPE_NOT_CHECKED",
          params: { type },
          message: `${type}: the check did not read this type to the end.`,
          expectedEvidence: `a complete listing of ${type}`,
        });
        continue;
      }
      if (reported !== undefined && captured < reported) {
        gaps.push({
          code: "PROVIDER_COUNT_NOT_MET",
          params: { type, reported, observed: captured },
          message: `${type}: the provider reported ${reported} objects, the pages listed ${listed} and ${captured} were captured.`,
          expectedEvidence: `${reported} captured objects of ${type} (@odata.count)`,
        });
      } else if (captured !== listed) {
        gaps.push({
          code: "TYPE_INCOMPLETE",
          params: { type, captured, expected: listed },
          message: `${type}: ${captured} of ${listed} objects captured.`,
          expectedEvidence: `${listed} captured objects of ${type}`,
        });
      }
    }
    for (const gap of check.gaps) {
      // Written by the drift.check task from the capture's typed gap codes.
      gaps.push({ code: gap.code as ProofGapCode, message: gap.message, params: gap.params, expectedEvidence: "a complete capture" });
    }
    evidence.push({ kind: "drift_findings", value: String(check.findingCount ?? 0) });
    if (gaps.length === 0)
      return { decision: "reconciled", outcome: "succeeded", reasonCode: "drift_check_complete", proofGaps: [], evidence };
    const anything = Object.values(check.capturedCounts).some((count) => count > 0);
    return {
      decision: "reconciled",
      outcome: anything ? "partially_succeeded" : "failed",
      reasonCode: "drift_check_incomplete",
      proofGaps: gaps,
      evidence,
    };
  },
};
