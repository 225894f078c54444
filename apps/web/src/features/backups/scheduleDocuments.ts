import { graphql } from "../../graphql/generated";
import type {
  BackupRetentionPreviewQuery as RetentionPreviewData,
  BackupScheduleFieldsFragment,
  EnvironmentBackupScheduleQuery as ScheduleData,
} from "../../graphql/generated/graphql";

/** An environment's backup schedule; its cron expression has five fields in UTC, e.g. "0 2 * * *". */
export type BackupSchedule = BackupScheduleFieldsFragment;

export const BackupScheduleFields = graphql(`
  fragment BackupScheduleFields on BackupSchedule {
    enabled
    cronExpression
    nextRunAt
    lastRunAt
    retentionKeepLast
    retentionKeepDays
    retentionIncludesManual
  }
`);

export const EnvironmentBackupScheduleQuery = graphql(`
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
`);

export function scheduleOf(node: ScheduleData["node"] | undefined): BackupSchedule | null {
  return node?.__typename === "ManagedEnvironment" ? (node.backupSchedule ?? null) : null;
}

export const SetBackupScheduleMutation = graphql(`
  mutation SetBackupSchedule($input: SetBackupScheduleInput!) {
    setBackupSchedule(input: $input) {
      ... on BackupSchedulePayload {
        schedule {
          ...BackupScheduleFields
        }
      }
      ...MutationErrorFields
    }
  }
`);

/** Dry run of the rule about to be saved: what it would delete now. Validates like saving. */
export const BackupRetentionPreviewQuery = graphql(`
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
`);

export type BackupRetentionPreview = Extract<RetentionPreviewData["backupRetentionPreview"], { __typename: "BackupRetentionPreview" }>;
