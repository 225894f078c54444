import { graphql } from "../../graphql/generated";
import type {
  BackupItemRowFieldsFragment,
  BackupSetDetailQuery as DetailData,
  BackupSetItemsQuery as ItemsData,
} from "../../graphql/generated/graphql";

export const BackupSetDetailQuery = graphql(`
  query BackupSetDetail($id: ID!) {
    node(id: $id) {
      ... on BackupSet {
        ...BackupSetRowFields
        itemCounts {
          ...SummaryCountFields
        }
        operationRun {
          id
          proofGaps {
            code
            message
            params {
              name
              value
            }
          }
        }
      }
    }
  }
`);

/** The header and completeness record of one backup set (items are paged separately). */
export type BackupSetDetail = Extract<NonNullable<DetailData["node"]>, { __typename: "BackupSet" }>;

export function isBackupSetDetail(node: DetailData["node"] | undefined): node is BackupSetDetail {
  return node?.__typename === "BackupSet";
}

export const BackupSetItemsQuery = graphql(`
  query BackupSetItems($id: ID!, $filter: BackupItemFilter, $after: String) {
    node(id: $id) {
      ... on BackupSet {
        id
        items(filter: $filter, first: 100, after: $after) {
          edges {
            cursor
            node {
              ...BackupItemRowFields
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

export const BackupItemRowFields = graphql(`
  fragment BackupItemRowFields on BackupItem {
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
`);

export type BackupItemRow = BackupItemRowFieldsFragment;

export function itemsOf(node: ItemsData["node"] | undefined) {
  return node?.__typename === "BackupSet" ? node.items : null;
}

/** A short-lived signed link: requested only when the user clicks Download, never cached. */
export const BackupSetExportUrlQuery = graphql(`
  query BackupSetExportUrl($id: ID!, $format: ExportFormat!) {
    node(id: $id) {
      ... on BackupSet {
        id
        exportUrl(format: $format)
      }
    }
  }
`);
