import { graphql } from "../../graphql/generated";
import type { BackupScheduleFieldsFragment, EnvironmentBackupScheduleQuery as ScheduleData } from "../../graphql/generated/graphql";

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
