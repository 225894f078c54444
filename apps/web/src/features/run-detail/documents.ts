import { gql } from "urql";
import { type RunRow, RunRowFields } from "../operations/documents";
import type { ReconciliationDecision, RunOutcome, RunStatus } from "../operations/runEnums";
import { type MutationError, MutationErrorFields } from "../../graphql/mutationErrors";

export interface ProofGap {
  code: string;
  message: string;
  expectedEvidence: string | null;
}

export interface Reconciliation {
  decision: ReconciliationDecision;
  outcome: RunOutcome | null;
  reasonCode: string | null;
  adapter: string;
  adapterVersion: string;
  evaluatedAt: string;
  evidence: { kind: string; id: string | null; value: string | null }[];
  proofGaps: ProofGap[];
}

/** Everything the detail view shows that can change while the run is live. */
/** A run row plus what the detail view adds: the reconciliation and the full proof gaps. */
export interface RunDetail extends Omit<RunRow, "proofGaps"> {
  reconciliation: Reconciliation | null;
  proofGaps: ProofGap[];
}

export interface RunEvent {
  id: string;
  kind: string;
  fromStatus: RunStatus | null;
  toStatus: RunStatus | null;
  fromOutcome: RunOutcome | null;
  toOutcome: RunOutcome | null;
  reasonCode: string | null;
  message: string | null;
  actor: string | null;
  createdAt: string;
}

export const RunDetailFields = gql`
  fragment RunDetailFields on OperationRun {
    ...RunRowFields
    reconciliation {
      decision
      outcome
      reasonCode
      adapter
      adapterVersion
      evaluatedAt
      evidence {
        kind
        id
        value
      }
      proofGaps {
        code
        message
        expectedEvidence
      }
    }
    proofGaps {
      code
      message
      expectedEvidence
    }
  }
  ${RunRowFields}
`;

type RunDetailNode = RunDetail & {
  __typename: "OperationRun";
  workspace: { id: string };
  rawContext: string | null;
  events: { edges: { node: RunEvent }[] };
};

export const RunDetailQuery = gql<
  { viewer: { id: string; isSupport: boolean }; node: RunDetailNode | { __typename: string } | null },
  { id: string }
>`
  query RunDetail($id: ID!) {
    viewer {
      id
      isSupport
    }
    node(id: $id) {
      ... on OperationRun {
        ...RunDetailFields
        workspace {
          id
        }
        rawContext
        events(last: 100) {
          edges {
            node {
              id
              kind
              fromStatus
              toStatus
              fromOutcome
              toOutcome
              reasonCode
              message
              actor
              createdAt
            }
          }
        }
      }
    }
  }
  ${RunDetailFields}
`;

export function isRunDetailNode(node: RunDetailNode | { __typename: string } | null | undefined): node is RunDetailNode {
  return node?.__typename === "OperationRun";
}

export const OperationRunUpdatedSubscription = gql<{ operationRunUpdated: RunDetail }, { id: string }>`
  subscription OperationRunUpdated($id: ID!) {
    operationRunUpdated(id: $id) {
      ...RunDetailFields
    }
  }
  ${RunDetailFields}
`;

export interface OperationRunPayload {
  __typename: "OperationRunPayload";
  run: { id: string; status: RunStatus; outcome: RunOutcome };
}

/** What cancel and reconcile answer with: the run's new state. */
export const OperationRunPayloadFields = gql`
  fragment OperationRunPayloadFields on OperationRunPayload {
    run {
      id
      status
      outcome
    }
  }
`;

type RunMutationResult = OperationRunPayload | MutationError;

export const CancelOperationRunMutation = gql<{ cancelOperationRun: RunMutationResult }, { input: { runId: string } }>`
  mutation CancelOperationRun($input: CancelOperationRunInput!) {
    cancelOperationRun(input: $input) {
      ...OperationRunPayloadFields
      ...MutationErrorFields
    }
  }
  ${OperationRunPayloadFields}
  ${MutationErrorFields}
`;

export const ReconcileOperationRunMutation = gql<{ reconcileOperationRun: RunMutationResult }, { input: { runId: string } }>`
  mutation ReconcileOperationRun($input: ReconcileOperationRunInput!) {
    reconcileOperationRun(input: $input) {
      ...OperationRunPayloadFields
      ...MutationErrorFields
    }
  }
  ${OperationRunPayloadFields}
  ${MutationErrorFields}
`;
