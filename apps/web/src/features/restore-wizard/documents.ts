import { gql } from "urql";
import type { Connection } from "../../graphql/connection";
import type { BackupSetStatus } from "../backups/documents";

export interface SourceBackupSet {
  id: string;
  name: string;
  status: BackupSetStatus;
  createdAt: string;
  itemCount: number | null;
  environment: { id: string; name: string } | null;
}

const SourceBackupSetFields = gql`
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
`;

/** The preselected set (which may be older than the newest page) and the workspace's recent sets. */
export const RestoreSourceQuery = gql<
  {
    node: (SourceBackupSet & { __typename: "BackupSet" }) | { __typename: string } | null;
    backupSets: { edges: { node: SourceBackupSet }[] };
  },
  { workspaceId: string; backupSetId: string }
>`
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
  ${SourceBackupSetFields}
`;

export interface ScopeBackupItem {
  id: string;
  objectType: string;
  displayName: string;
  isFoundation: boolean;
  previewOnly: boolean;
  gaps: { code: string; message: string }[];
}

type ScopeItemsNode = { __typename: "BackupSet"; id: string; items: Connection<ScopeBackupItem> } | { __typename: string } | null;

/** One page of the source set's items for the scope step (every page is loaded: selection is client-side). */
export const RestoreScopeItemsQuery = gql<{ node: ScopeItemsNode }, { id: string; after: string | null }>`
  query RestoreScopeItems($id: ID!, $after: String) {
    node(id: $id) {
      ... on BackupSet {
        id
        items(first: 100, after: $after) {
          edges {
            cursor
            node {
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
`;

export function scopeItemsOf(node: ScopeItemsNode | undefined): Connection<ScopeBackupItem> | null {
  return node?.__typename === "BackupSet" ? (node as { items: Connection<ScopeBackupItem> }).items : null;
}
