import { gql } from "urql";
import type { Connection, SummaryCount } from "../../graphql/connection";
import type { RunOutcome, RunStatus } from "./runEnums";

/** The fields one row of the operations monitor shows; also what live updates deliver. */
export interface RunRow {
  id: string;
  type: string;
  status: RunStatus;
  outcome: RunOutcome;
  progress: number | null;
  createdAt: string;
  /** Lets live updates and fetched pages be ordered: the newer version of a run wins. */
  updatedAt: string;
  startedAt: string | null;
  completedAt: string | null;
  environment: { id: string; name: string } | null;
  summaryCounts: SummaryCount[];
  failure: { reasonCode: string; message: string } | null;
  proofGaps: { code: string }[];
}

export const RunRowFields = gql`
  fragment RunRowFields on OperationRun {
    id
    type
    status
    outcome
    progress
    createdAt
    updatedAt
    startedAt
    completedAt
    environment {
      id
      name
    }
    summaryCounts {
      key
      value
    }
    failure {
      reasonCode
      message
    }
    proofGaps {
      code
    }
  }
`;

export interface RunFilterInput {
  environmentIds?: string[];
  types?: string[];
  statuses?: RunStatus[];
  outcomes?: RunOutcome[];
  hasProofGaps?: boolean;
}

export const OperationRunsQuery = gql<
  { operationRuns: Connection<RunRow> },
  { workspaceId: string; filter: RunFilterInput; after: string | null }
>`
  query OperationRuns($workspaceId: ID!, $filter: OperationRunFilter, $after: String) {
    operationRuns(workspaceId: $workspaceId, filter: $filter, first: 50, after: $after) {
      edges {
        cursor
        node {
          ...RunRowFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
  ${RunRowFields}
`;

export const OperationRunsChangedSubscription = gql<
  { operationRunsChanged: RunRow },
  { workspaceId: string; environmentIds: string[] | null }
>`
  subscription OperationRunsChanged($workspaceId: ID!, $environmentIds: [ID!]) {
    operationRunsChanged(workspaceId: $workspaceId, environmentIds: $environmentIds) {
      ...RunRowFields
    }
  }
  ${RunRowFields}
`;
