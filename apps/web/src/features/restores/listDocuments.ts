import { graphql } from "../../graphql/generated";
import type { RestoreRunsQuery as RestoreRunsData } from "../../graphql/generated/graphql";

export const RestoreRunsQuery = graphql(`
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
`);

/** What one row of the restores list shows. */
export type RestoreRunRow = RestoreRunsData["restoreRuns"]["edges"][number]["node"];
