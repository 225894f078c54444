import { graphql } from "../../graphql/generated";

/** The environment's finished backups to pick from (newest first). */
export const ComparableBackupsQuery = graphql(`
  query ComparableBackups($environmentId: ID!) {
    node(id: $environmentId) {
      ... on ManagedEnvironment {
        id
        backupSets(first: 100) {
          edges {
            node {
              id
              name
              status
              createdAt
            }
          }
        }
      }
    }
  }
`);

export const CompareBackupSetsQuery = graphql(`
  query CompareBackupSets($leftId: ID!, $rightId: ID!) {
    compareBackupSets(leftId: $leftId, rightId: $rightId) {
      ... on BackupSetComparison {
        earlier {
          id
          name
          createdAt
        }
        later {
          id
          name
          createdAt
        }
        changes {
          ...PolicyChangeFields
        }
      }
      ...MutationErrorFields
    }
  }
`);
