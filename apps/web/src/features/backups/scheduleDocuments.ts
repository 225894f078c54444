import { gql } from "urql";
import { type MutationError, MutationErrorFields } from "../../graphql/mutationErrors";

export interface BackupSchedule {
  enabled: boolean;
  /** Five cron fields in UTC, e.g. "0 2 * * *". */
  cronExpression: string;
  nextRunAt: string | null;
  lastRunAt: string | null;
  retentionKeepLast: number | null;
  retentionKeepDays: number | null;
  retentionIncludesManual: boolean;
}

export interface BackupScheduleInput {
  environmentId: string;
  enabled: boolean;
  cronExpression: string;
  retentionKeepLast: number | null;
  retentionKeepDays: number | null;
  retentionIncludesManual: boolean;
}

const BackupScheduleFields = gql`
  fragment BackupScheduleFields on BackupSchedule {
    enabled
    cronExpression
    nextRunAt
    lastRunAt
    retentionKeepLast
    retentionKeepDays
    retentionIncludesManual
  }
`;

type ScheduleEnvironment = { __typename: "ManagedEnvironment"; id: string; backupSchedule: BackupSchedule | null };

export const EnvironmentBackupScheduleQuery = gql<{ node: ScheduleEnvironment | { __typename: string } | null }, { environmentId: string }>`
  query EnvironmentBackupSchedule($environmentId: ID!) {
    node(id: $environmentId) {
      ... on ManagedEnvironment {
        id
        backupSchedule {
          ...BackupScheduleFields
        }
      }
    }
  }
  ${BackupScheduleFields}
`;

export function scheduleOf(node: ScheduleEnvironment | { __typename: string } | null | undefined): BackupSchedule | null {
  return node?.__typename === "ManagedEnvironment" ? ((node as ScheduleEnvironment).backupSchedule ?? null) : null;
}

export interface BackupSchedulePayload {
  __typename: "BackupSchedulePayload";
  schedule: BackupSchedule;
}

export const SetBackupScheduleMutation = gql<{ setBackupSchedule: BackupSchedulePayload | MutationError }, { input: BackupScheduleInput }>`
  mutation SetBackupSchedule($input: SetBackupScheduleInput!) {
    setBackupSchedule(input: $input) {
      __typename
      ... on BackupSchedulePayload {
        schedule {
          ...BackupScheduleFields
        }
      }
      ...MutationErrorFields
    }
  }
  ${BackupScheduleFields}
  ${MutationErrorFields}
`;

export interface BackupRetentionPreview {
  __typename: "BackupRetentionPreview";
  wouldDeleteCount: number;
  wouldDelete: { id: string; name: string }[];
}

/** Dry run of the rule about to be saved: what it would delete now. Validates like saving. */
export const BackupRetentionPreviewQuery = gql<
  { backupRetentionPreview: BackupRetentionPreview | MutationError },
  { input: BackupScheduleInput }
>`
  query BackupRetentionPreview($input: SetBackupScheduleInput!) {
    backupRetentionPreview(input: $input) {
      __typename
      ... on BackupRetentionPreview {
        wouldDeleteCount
        wouldDelete {
          id
          name
        }
      }
      ...MutationErrorFields
    }
  }
  ${MutationErrorFields}
`;
