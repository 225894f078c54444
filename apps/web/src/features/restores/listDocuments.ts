import { gql } from "urql";
import type { Connection } from "../../graphql/connection";
import type { AttentionState, RestoreRunStatus } from "./restoreEnums";

/** What one row of the restores list shows. */
export interface RestoreRunRow {
  id: string;
  status: RestoreRunStatus;
  dryRun: boolean;
  targetLabel: string;
  createdAt: string;
  confirmedAt: string | null;
  sourceBackupSet: { id: string; name: string } | null;
  environment: { id: string; name: string };
  counts: { total: number; succeeded: number };
  resultAttention: { state: AttentionState };
}

export interface RestoreRunFilterInput {
  environmentIds?: string[];
  statuses?: RestoreRunStatus[];
}

export const RestoreRunsQuery = gql<
  { restoreRuns: Connection<RestoreRunRow> },
  { workspaceId: string; filter: RestoreRunFilterInput; after: string | null }
>`
  query RestoreRuns($workspaceId: ID!, $filter: RestoreRunFilter, $after: String) {
    restoreRuns(workspaceId: $workspaceId, filter: $filter, first: 25, after: $after) {
      edges {
        cursor
        node {
          id
          status
          dryRun
          targetLabel
          createdAt
          confirmedAt
          sourceBackupSet {
            id
            name
          }
          environment {
            id
            name
          }
          counts {
            total
            succeeded
          }
          resultAttention {
            state
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
`;
