import { graphql } from "../../graphql/generated";
import type { RestoreRunHistoryQuery as HistoryData } from "../../graphql/generated/graphql";

/** The restore run's status history, paged (oldest first): loaded on the detail page only. */
export const RestoreRunHistoryQuery = graphql(`
  query RestoreRunHistory($id: ID!, $after: String) {
    node(id: $id) {
      ... on RestoreRun {
        id
        events(first: 100, after: $after) {
          edges {
            cursor
            node {
              id
              kind
              fromStatus
              toStatus
              reasonCode
              message
              actor
              createdAt
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
          totalCount
        }
      }
    }
  }
`);

export function restoreHistoryOf(node: HistoryData["node"] | undefined) {
  return node?.__typename === "RestoreRun" ? node.events : null;
}

export type RestoreRunEvent = NonNullable<ReturnType<typeof restoreHistoryOf>>["edges"][number]["node"];
