import { graphql } from "../../graphql/generated";
import type { RunRowFieldsFragment } from "../../graphql/generated/graphql";

/** The fields one row of the operations monitor shows; also what live updates deliver. */
export type RunRow = RunRowFieldsFragment;

export const RunRowFields = graphql(`
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
    startedBy {
      kind
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
`);

export const OperationRunsQuery = graphql(`
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
`);

export const OperationRunsChangedSubscription = graphql(`
  subscription OperationRunsChanged($workspaceId: ID!, $environmentIds: [ID!]) {
    operationRunsChanged(workspaceId: $workspaceId, environmentIds: $environmentIds) {
      ...RunRowFields
    }
  }
`);
