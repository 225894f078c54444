import type { Db, OperationRun } from "@atlas/db";
import type { MessageParams, ProofGapCode, ReconciliationAdapterName, ReconciliationReasonCode } from "../codes.ts";
import type { FinalOutcome } from "../operations/status.ts";

export type ReconciliationDecision = "reconciled" | "not_reconciled" | "unsupported";

/** A named requirement of the success proof that does not hold. */
export interface ProofGap {
  code: string;
  /** English text for partners; the SPA words the gap from its code and params. */
  message: string;
  params?: MessageParams;
  expectedEvidence?: string;
}

/** Safe identifiers only: ids, statuses, hashes, counts, timestamps. */
export interface EvidenceRef {
  kind: string;
  id?: string;
  value?: string;
}

export interface ReconciliationResult {
  decision: ReconciliationDecision;
  /** The outcome the evidence proves; only with decision `reconciled`. */
  outcome?: FinalOutcome;
  reasonCode: string;
  proofGaps: ProofGap[];
  evidence: EvidenceRef[];
  adapter: string;
  adapterVersion: string;
  evaluatedAt: string;
}

/** A gap an adapter finds: its code is one of the declared PROOF_GAP_CODES (stored results keep plain strings). */
export type AdapterProofGap = ProofGap & { code: ProofGapCode };

export type AdapterVerdict = Omit<ReconciliationResult, "adapter" | "adapterVersion" | "evaluatedAt" | "reasonCode" | "proofGaps"> & {
  reasonCode: ReconciliationReasonCode;
  proofGaps: AdapterProofGap[];
};

/**
 * One adapter per operation type. Adapters read local records only: no provider calls and no
 * writes; the reconciler applies their verdict through the run service.
 */
export interface ReconciliationAdapter {
  name: ReconciliationAdapterName;
  version: string;
  supports(type: string): boolean;
  reconcile(db: Db, run: OperationRun): Promise<AdapterVerdict>;
  /** Outcome to fail closed with when proof is still missing past the deadline. */
  deadlineOutcome?: FinalOutcome;
}

/** Nothing to prove while the run's execution has not finished: every adapter answers the same. */
export function executionNotFinished(message: string): AdapterVerdict {
  return {
    decision: "not_reconciled",
    reasonCode: "execution_in_progress",
    proofGaps: [{ code: "EXECUTION_NOT_FINISHED", message, expectedEvidence: "executionFinishedAt" }],
    evidence: [],
  };
}
