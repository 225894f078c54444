import { graphql } from "../../graphql/generated";
import type {
  RestoreItemFieldsFragment,
  RestoreRunFieldsFragment,
  RestoreRunItemsQuery as ItemsData,
  RestoreRunQuery as RestoreRunData,
} from "../../graphql/generated/graphql";

/** Everything the wizard and the detail page show about one restore run (its items are paged). */
export type RestoreRun = RestoreRunFieldsFragment;
export type RestoreCounts = RestoreRun["counts"];
/** The preview run only needs what the wizard's progress bar shows. */
export type PreviewRunState = NonNullable<RestoreRun["previewOperationRun"]>;
export type EvidenceSnapshot = NonNullable<RestoreRun["evidenceSnapshot"]>;

export const RestoreRunFields = graphql(`
  fragment RestoreRunFields on RestoreRun {
    id
    status
    dryRun
    targetLabel
    scopeMode
    scopeVersion
    createdAt
    confirmedAt
    startedAt
    completedAt
    failureReason {
      reasonCode
      message
    }
    sourceBackupSet {
      id
      name
      environment {
        id
        name
      }
    }
    environment {
      id
      name
      workspace {
        id
      }
    }
    checks {
      code
      severity
      message
      params {
        name
        value
      }
      item {
        id
        displayName
      }
    }
    counts {
      total
      succeeded
      failed
      skipped
      partial
      nonApplied
      foundationsSkipped
    }
    previewSummary {
      ...SummaryCountFields
    }
    resultAttention {
      state
      summary
      primaryNextAction
      primaryCauseFamily
      recoveryClaimBoundary
      summaryCode
      summaryParams {
        name
        value
      }
      primaryNextActionCode
      recoveryClaimBoundaryCode
    }
    previewOperationRun {
      id
      status
      outcome
      progress
      updatedAt
      failure {
        reasonCode
        message
      }
    }
    operationRun {
      ...RunDetailFields
    }
    evidenceSnapshot {
      id
      kind
      status
      completenessState
      createdAt
      items {
        restoreItem {
          id
          displayName
        }
        targetProviderId
        expectedHash
        actualHash
        match
      }
    }
  }
`);

export const RestoreRunQuery = graphql(`
  query RestoreRun($id: ID!) {
    node(id: $id) {
      ... on RestoreRun {
        ...RestoreRunFields
      }
    }
  }
`);

export function isRestoreRun(
  node: RestoreRunData["node"] | undefined,
): node is Extract<RestoreRunData["node"], { __typename: "RestoreRun" }> {
  return node?.__typename === "RestoreRun";
}

/** One restore item with its planned action and, once executed, its outcome. */
export type RestoreItem = RestoreItemFieldsFragment;

export const RestoreItemFields = graphql(`
  fragment RestoreItemFields on RestoreItem {
    id
    objectType
    displayName
    isFoundation
    previewOnly
    switchable
    switchedOn
    writtenState
    action
    changes {
      ...SettingChangeFields
    }
    targetProviderId
    outcome
    providerAcceptance
    unmappedReferences {
      kind
      sourceId
      displayName
    }
    error {
      reasonCode
      message
    }
    backupItem {
      id
    }
  }
`);

export const RestoreRunItemsQuery = graphql(`
  query RestoreRunItems($id: ID!, $after: String) {
    node(id: $id) {
      ... on RestoreRun {
        id
        items(first: 100, after: $after) {
          edges {
            cursor
            node {
              ...RestoreItemFields
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

export function restoreItemsOf(node: ItemsData["node"] | undefined) {
  return node?.__typename === "RestoreRun" ? node.items : null;
}
