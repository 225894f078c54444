import { gql } from "urql";
import type { Connection } from "../../graphql/connection";
import { type StartOperationPayload, StartOperationPayloadFields } from "../environments/documents";
import type { RunOutcome, RunStatus } from "../operations/runEnums";
import { type MutationError, MutationErrorFields } from "../../graphql/mutationErrors";

/** Mirror the API enums; `satisfies` keeps the label and color maps exhaustive. */
export const backupTriggers = ["MANUAL", "SCHEDULE", "PRE_RESTORE"] as const;
export type BackupTrigger = (typeof backupTriggers)[number];

export const backupSetStatuses = ["CAPTURING", "COMPLETED", "PARTIAL", "FAILED"] as const;
export type BackupSetStatus = (typeof backupSetStatuses)[number];

export interface CompletenessGap {
  providerId: string;
  displayName: string;
  code: string;
  message: string;
}

/** Provider total vs captured for one object type of a backup set. */
export interface TypeCompleteness {
  objectType: string;
  providerTotal: number | null;
  captured: number;
  complete: boolean;
  gaps: CompletenessGap[];
}

/** The fields one row of the backups list shows. */
export interface BackupSetRow {
  id: string;
  name: string;
  trigger: BackupTrigger;
  status: BackupSetStatus;
  createdAt: string;
  completedAt: string | null;
  itemCount: number | null;
  hasGaps: boolean;
  environment: { id: string; name: string } | null;
  operationRun: { id: string; status: RunStatus; outcome: RunOutcome } | null;
  completeness: TypeCompleteness[];
}

export const BackupSetRowFields = gql`
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
`;

export interface BackupSetFilterInput {
  environmentIds?: string[];
}

export const BackupSetsQuery = gql<
  { backupSets: Connection<BackupSetRow> },
  { workspaceId: string; filter: BackupSetFilterInput; after: string | null }
>`
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
  ${BackupSetRowFields}
`;

export const StartBackupMutation = gql<
  { startBackup: StartOperationPayload | MutationError },
  { input: { environmentId: string; name?: string } }
>`
  mutation StartBackup($input: StartBackupInput!) {
    startBackup(input: $input) {
      __typename
      ...StartOperationPayloadFields
      ...MutationErrorFields
    }
  }
  ${StartOperationPayloadFields}
  ${MutationErrorFields}
`;
