import { graphql } from "../../graphql/generated";
import type {
  CancelOperationRunMutation as CancelData,
  RunDetailFieldsFragment,
  RunDetailQuery as RunDetailData,
} from "../../graphql/generated/graphql";

/** A run row plus what the detail view adds: the reconciliation and the full proof gaps. */
export type RunDetail = RunDetailFieldsFragment;
export type Reconciliation = NonNullable<RunDetail["reconciliation"]>;
export type ProofGap = RunDetail["proofGaps"][number];

export const RunDetailFields = graphql(`
  fragment RunDetailFields on OperationRun {
    ...RunRowFields
    rerunnable
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
        ...ProofGapFields
      }
    }
    proofGaps {
      ...ProofGapFields
    }
  }
`);

export const ProofGapFields = graphql(`
  fragment ProofGapFields on ProofGap {
    code
    message
    expectedEvidence
    params {
      name
      value
    }
  }
`);

export const RunDetailQuery = graphql(`
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
        restoreRun {
          id
          targetLabel
        }
        backupSet {
          id
          name
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
              params {
                name
                value
              }
              actor
              actorName
              createdAt
            }
          }
        }
      }
    }
  }
`);

type RunDetailNode = Extract<NonNullable<RunDetailData["node"]>, { __typename: "OperationRun" }>;
export type RunEvent = RunDetailNode["events"]["edges"][number]["node"];

export function isRunDetailNode(node: RunDetailData["node"] | undefined): node is RunDetailNode {
  return node?.__typename === "OperationRun";
}

export const OperationRunUpdatedSubscription = graphql(`
  subscription OperationRunUpdated($id: ID!) {
    operationRunUpdated(id: $id) {
      ...RunDetailFields
    }
  }
`);

/** What cancel and reconcile answer with: the run's new state. */
export const OperationRunPayloadFields = graphql(`
  fragment OperationRunPayloadFields on OperationRunPayload {
    run {
      id
      status
      outcome
    }
  }
`);

/** The result union cancel and reconcile share (both select the same members). */
export type RunMutationResult = CancelData["cancelOperationRun"];

export const CancelOperationRunMutation = graphql(`
  mutation CancelOperationRun($input: CancelOperationRunInput!) {
    cancelOperationRun(input: $input) {
      ...OperationRunPayloadFields
      ...MutationErrorFields
    }
  }
`);

export const RerunOperationRunMutation = graphql(`
  mutation RerunOperationRun($input: RerunOperationRunInput!) {
    rerunOperationRun(input: $input) {
      ... on StartOperationPayload {
        deduplicated
        run {
          id
        }
      }
      ...MutationErrorFields
    }
  }
`);

export const ReconcileOperationRunMutation = graphql(`
  mutation ReconcileOperationRun($input: ReconcileOperationRunInput!) {
    reconcileOperationRun(input: $input) {
      ...OperationRunPayloadFields
      ...MutationErrorFields
    }
  }
`);
