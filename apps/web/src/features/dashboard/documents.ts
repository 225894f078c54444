import { graphql } from "../../graphql/generated";

export const EnvironmentDashboardQuery = graphql(`
  query EnvironmentDashboard($environmentId: ID!) {
    node(id: $environmentId) {
      ... on ManagedEnvironment {
        id
        name
        dashboard {
          lastSync {
            id
            status
            outcome
            createdAt
            completedAt
            hasProofGaps
          }
          lastBackup {
            ...BackupSetRowFields
          }
          proofGapRunCount
          lastRestore {
            id
            targetLabel
            status
            dryRun
            createdAt
            completedAt
          }
        }
      }
    }
  }
`);
