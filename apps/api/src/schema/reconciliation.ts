import { storedReconciliation } from "@atlas/core";
import type { EvidenceRef as EvidenceRefShape, ProofGap as ProofGapShape, ReconciliationResult } from "@atlas/core";
import { builder } from "../builder.ts";
import { MessageParam, messageParamsOf } from "./common.ts";
import { OperationRunOutcome } from "./operation-run.ts";

const ReconciliationDecision = builder.enumType("ReconciliationDecision", {
  values: {
    RECONCILED: { value: "reconciled", description: "The evidence proves the outcome." },
    NOT_RECONCILED: { value: "not_reconciled", description: "Not final: proof is missing but may still arrive." },
    UNSUPPORTED: { value: "unsupported", description: "No adapter can judge this operation type." },
  } as const,
});

export const ProofGap = builder.objectRef<ProofGapShape>("ProofGap").implement({
  description: "A named requirement of the success proof that does not hold.",
  fields: (t) => ({
    code: t.exposeString("code"),
    message: t.exposeString("message"),
    expectedEvidence: t.string({ nullable: true, resolve: (gap) => gap.expectedEvidence ?? null }),
    params: t.field({
      type: [MessageParam],
      description: "The values of the message (object type, counts, names), so a client can word the gap from its code.",
      resolve: (gap) => messageParamsOf(gap.params),
    }),
  }),
});

const EvidenceRef = builder.objectRef<EvidenceRefShape>("EvidenceRef").implement({
  description: "A safe identifier the verdict rests on: an id, status, hash, count or timestamp.",
  fields: (t) => ({
    kind: t.exposeString("kind"),
    id: t.string({ nullable: true, resolve: (ref) => ref.id ?? null }),
    value: t.string({ nullable: true, resolve: (ref) => ref.value ?? null }),
  }),
});

const Reconciliation = builder.objectRef<ReconciliationResult>("Reconciliation").implement({
  description: "The latest verdict of the run's reconciliation adapter: whether domain records prove the outcome.",
  fields: (t) => ({
    decision: t.field({ type: ReconciliationDecision, resolve: (result) => result.decision }),
    outcome: t.field({
      type: OperationRunOutcome,
      nullable: true,
      description: "The outcome the decision proves, when RECONCILED.",
      resolve: (result) => result.outcome ?? null,
    }),
    reasonCode: t.string({ nullable: true, resolve: (result) => result.reasonCode || null }),
    adapter: t.exposeString("adapter"),
    adapterVersion: t.exposeString("adapterVersion"),
    evaluatedAt: t.field({ type: "DateTime", resolve: (result) => new Date(result.evaluatedAt) }),
    evidence: t.field({ type: [EvidenceRef], resolve: (result) => result.evidence ?? [] }),
    proofGaps: t.field({ type: [ProofGap], resolve: (result) => result.proofGaps ?? [] }),
  }),
});

builder.prismaObjectFields("OperationRun", (t) => ({
  reconciliation: t.field({
    type: Reconciliation,
    nullable: true,
    description: "Null until an adapter has evaluated the run.",
    resolve: (run) => storedReconciliation(run.context)?.latest ?? null,
  }),
  proofGaps: t.field({
    type: [ProofGap],
    description: "Gaps of the latest reconciliation; empty when proven or not applicable.",
    resolve: (run) => storedReconciliation(run.context)?.latest.proofGaps ?? [],
  }),
}));
