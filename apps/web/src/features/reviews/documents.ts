import { graphql } from "../../graphql/generated";

/** One policy added, removed or changed between two backups, with its setting-level differences. */
export const PolicyChangeFields = graphql(`
  fragment PolicyChangeFields on ReviewPolicyChange {
    objectType
    displayName
    kind
    settings {
      kind
      path
      before
      after
    }
  }
`);

export const EnvironmentReviewsQuery = graphql(`
  query EnvironmentReviews($workspaceId: ID!, $filter: EnvironmentReviewFilter, $after: String) {
    environmentReviews(workspaceId: $workspaceId, filter: $filter, first: 25, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          status
          periodStart
          periodEnd
          composedAt
          publishedAt
          environment {
            id
            name
          }
          attention {
            severity
          }
        }
      }
    }
  }
`);

export const EnvironmentReviewQuery = graphql(`
  query EnvironmentReview($id: ID!) {
    node(id: $id) {
      ... on EnvironmentReview {
        id
        status
        fingerprint
        periodStart
        periodEnd
        composedAt
        publishedAt
        archivedAt
        environment {
          id
          name
        }
        composedByRun {
          id
          outcome
        }
        supersededBy {
          id
        }
        failure {
          reasonCode
          message
        }
        attention {
          severity
          code
          message
        }
        counts {
          key
          value
        }
        changes {
          ...PolicyChangeFields
        }
        inventory {
          objectType
          inventory
          backup
        }
        backupSetId
        backupCoverage {
          objectType
          providerTotal
          captured
          complete
          gaps {
            displayName
            message
          }
        }
        restores {
          restoreRunId
          runId
          status
          outcome
          proven
        }
        proofGapRuns {
          runId
          type
          outcome
          completedAt
          gapCodes
        }
      }
    }
  }
`);

export const ComposeEnvironmentReviewMutation = graphql(`
  mutation ComposeEnvironmentReview($input: ComposeEnvironmentReviewInput!) {
    composeEnvironmentReview(input: $input) {
      ...StartOperationPayloadFields
      ...MutationErrorFields
    }
  }
`);

export const PublishEnvironmentReviewMutation = graphql(`
  mutation PublishEnvironmentReview($input: EnvironmentReviewInput!) {
    publishEnvironmentReview(input: $input) {
      __typename
      ... on EnvironmentReviewPayload {
        review {
          id
          status
          publishedAt
        }
      }
      ...MutationErrorFields
    }
  }
`);

export const ArchiveEnvironmentReviewMutation = graphql(`
  mutation ArchiveEnvironmentReview($input: EnvironmentReviewInput!) {
    archiveEnvironmentReview(input: $input) {
      __typename
      ... on EnvironmentReviewPayload {
        review {
          id
          status
          archivedAt
        }
      }
      ...MutationErrorFields
    }
  }
`);

export const ReviewExportUrlQuery = graphql(`
  query ReviewExportUrl($id: ID!, $format: ReviewExportFormat!) {
    node(id: $id) {
      ... on EnvironmentReview {
        exportUrl(format: $format)
      }
    }
  }
`);

export const CompareEnvironmentReviewsQuery = graphql(`
  query CompareEnvironmentReviews($leftId: ID!, $rightId: ID!) {
    compareEnvironmentReviews(leftId: $leftId, rightId: $rightId) {
      __typename
      ... on EnvironmentReviewComparison {
        left {
          ...ComparedReview
        }
        right {
          ...ComparedReview
        }
        counts {
          key
          left
          right
        }
        inventory {
          objectType
          left
          right
        }
        backup {
          objectType
          left {
            ...ComparedCompleteness
          }
          right {
            ...ComparedCompleteness
          }
        }
        changes {
          ...PolicyChangeFields
        }
      }
      ... on Error {
        message
      }
    }
  }

  fragment ComparedReview on EnvironmentReview {
    id
    status
    periodStart
    periodEnd
    composedAt
    environment {
      id
      name
    }
  }

  fragment ComparedCompleteness on ReviewBackupCompleteness {
    providerTotal
    captured
    gaps
    complete
  }
`);
