import { graphql } from "../../graphql/generated";
import type { BackupSetRowFieldsFragment } from "../../graphql/generated/graphql";

/** The fields one row of the backups list shows. */
export type BackupSetRow = BackupSetRowFieldsFragment;

/** Provider total vs captured for one object type of a backup set. */
export type TypeCompleteness = BackupSetRow["completeness"][number];

export const BackupSetRowFields = graphql(`
  fragment BackupSetRowFields on BackupSet {
    id
    name
    trigger
    status
    createdAt
    completedAt
    itemCount
    hasGaps
    environment {
      id
      name
    }
    operationRun {
      id
      status
      outcome
    }
    completeness {
      objectType
      providerTotal
      captured
      complete
      gaps {
        providerId
        displayName
        code
        message
      }
    }
  }
`);

export const BackupSetsQuery = graphql(`
  query BackupSets($workspaceId: ID!, $filter: BackupSetFilter, $after: String) {
    backupSets(workspaceId: $workspaceId, filter: $filter, first: 25, after: $after) {
      edges {
        cursor
        node {
          ...BackupSetRowFields
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

export const StartBackupMutation = graphql(`
  mutation StartBackup($input: StartBackupInput!) {
    startBackup(input: $input) {
      ...StartOperationPayloadFields
      ...MutationErrorFields
    }
  }
`);
