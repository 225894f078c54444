import type { Db, OperationRun } from "@atlas/db";
import type { FinalOutcome } from "../operations/status.ts";

export type ReconciliationDecision = "reconciled" | "not_reconciled" | "unsupported";

/** A named requirement of the success proof that does not hold. */
export interface ProofGap {
  code: string;
  message: string;
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

export type AdapterVerdict = Omit<ReconciliationResult, "adapter" | "adapterVersion" | "evaluatedAt">;

/**
 * One adapter per operation type. Adapters read local records only: no provider calls and no
 * writes; the reconciler applies their verdict through the run service.
 */
export interface ReconciliationAdapter {
  name: string;
  version: string;
  supports(type: string): boolean;
  reconcile(db: Db, run: OperationRun): Promise<AdapterVerdict>;
  /** Outcome to fail closed with when proof is still missing past the deadline. */
  deadlineOutcome?: FinalOutcome;
}
