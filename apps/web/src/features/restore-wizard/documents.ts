import { graphql } from "../../graphql/generated";
import type {
  RestoreScopeItemsQuery as ScopeItemsData,
  ScopeBackupItemFieldsFragment,
  SourceBackupSetFieldsFragment,
} from "../../graphql/generated/graphql";

export type SourceBackupSet = SourceBackupSetFieldsFragment;

export const SourceBackupSetFields = graphql(`
  fragment SourceBackupSetFields on BackupSet {
    id
    name
    status
    createdAt
    itemCount
    environment {
      id
      name
    }
  }
`);

/** The preselected set (which may be older than the newest page) and the workspace's recent sets. */
export const RestoreSourceQuery = graphql(`
  query RestoreSource($workspaceId: ID!, $backupSetId: ID!) {
    node(id: $backupSetId) {
      ... on BackupSet {
        ...SourceBackupSetFields
      }
    }
    backupSets(workspaceId: $workspaceId, first: 50) {
      edges {
        node {
          ...SourceBackupSetFields
        }
      }
    }
  }
`);

/** One page of the source set's items for the scope step (every page is loaded: selection is client-side). */
export const RestoreScopeItemsQuery = graphql(`
  query RestoreScopeItems($id: ID!, $after: String) {
    node(id: $id) {
      ... on BackupSet {
        id
        items(first: 100, after: $after) {
          edges {
            cursor
            node {
              ...ScopeBackupItemFields
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

export const ScopeBackupItemFields = graphql(`
  fragment ScopeBackupItemFields on BackupItem {
    id
    objectType
    displayName
    isFoundation
    previewOnly
    gaps {
      code
      message
    }
  }
`);

export type ScopeBackupItem = ScopeBackupItemFieldsFragment;

export function scopeItemsOf(node: ScopeItemsData["node"] | undefined) {
  return node?.__typename === "BackupSet" ? node.items : null;
}
