import { gql } from "urql";
import type { Connection, SummaryCount } from "../../graphql/connection";
import { type BackupSetRow, BackupSetRowFields } from "../backups/documents";

/** The header and completeness record of one backup set (items are paged separately). */
export type BackupSetDetail = BackupSetRow & {
  __typename: "BackupSet";
  itemCounts: SummaryCount[];
  operationRun: (BackupSetRow["operationRun"] & { proofGaps: { code: string; message: string }[] }) | null;
};

type DetailNode = BackupSetDetail | { __typename: string } | null;

export const BackupSetDetailQuery = gql<{ node: DetailNode }, { id: string }>`
  query BackupSetDetail($id: ID!) {
    node(id: $id) {
      ... on BackupSet {
        ...BackupSetRowFields
        itemCounts {
          key
          value
        }
        operationRun {
          id
          proofGaps {
            code
            message
          }
        }
      }
    }
  }
  ${BackupSetRowFields}
`;

export function isBackupSetDetail(node: DetailNode | undefined): node is BackupSetDetail {
  return node?.__typename === "BackupSet";
}

export interface BackupItemRow {
  id: string;
  objectType: string;
  displayName: string;
  providerId: string;
  isFoundation: boolean;
  gaps: { code: string; message: string }[];
  policyVersion: { id: string; contentHash: string; capturedAt: string } | null;
}

export interface BackupItemFilterInput {
  objectTypes?: string[];
  search?: string;
}

type ItemsNode = { __typename: "BackupSet"; id: string; items: Connection<BackupItemRow> } | { __typename: string } | null;

export const BackupSetItemsQuery = gql<{ node: ItemsNode }, { id: string; filter: BackupItemFilterInput; after: string | null }>`
  query BackupSetItems($id: ID!, $filter: BackupItemFilter, $after: String) {
    node(id: $id) {
      ... on BackupSet {
        id
        items(filter: $filter, first: 100, after: $after) {
          edges {
            cursor
            node {
              id
              objectType
              displayName
              providerId
              isFoundation
              gaps {
                code
                message
              }
              policyVersion {
                id
                contentHash
                capturedAt
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

export function itemsOf(node: ItemsNode | undefined): Connection<BackupItemRow> | null {
  return node?.__typename === "BackupSet" ? (node as { items: Connection<BackupItemRow> }).items : null;
}

export const exportFormats = ["MARKDOWN", "HTML"] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** A short-lived signed link: requested only when the user clicks Download, never cached. */
export const BackupSetExportUrlQuery = gql<
  { node: { __typename: "BackupSet"; id: string; exportUrl: string } | { __typename: string } | null },
  { id: string; format: ExportFormat }
>`
  query BackupSetExportUrl($id: ID!, $format: ExportFormat!) {
    node(id: $id) {
      ... on BackupSet {
        id
        exportUrl(format: $format)
      }
    }
  }
`;
