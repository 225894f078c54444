import { gql } from "urql";
import type { Connection, SummaryCount } from "../../graphql/connection";
import type { SettingChange } from "../policy-history/documents";
import { type RunDetail, RunDetailFields } from "../run-detail/documents";
import type { AttentionState, CheckSeverity, RestoreAction, RestoreItemOutcome, RestoreRunStatus, RestoreScopeMode } from "./restoreEnums";

export interface SafetyCheck {
  code: string;
  severity: CheckSeverity;
  message: string;
  item: { id: string; displayName: string } | null;
}

export interface RestoreCounts {
  total: number;
  succeeded: number;
  failed: number;
  skipped: number;
  partial: number;
  nonApplied: number;
  foundationsSkipped: number;
}

export interface ResultAttention {
  state: AttentionState;
  summary: string;
  primaryNextAction: string;
  primaryCauseFamily: string | null;
  recoveryClaimBoundary: string;
}

export interface VerificationItem {
  restoreItem: { id: string; displayName: string } | null;
  targetProviderId: string | null;
  expectedHash: string | null;
  actualHash: string | null;
  match: boolean;
}

export interface EvidenceSnapshot {
  id: string;
  kind: string;
  status: string;
  completenessState: string;
  createdAt: string;
  items: VerificationItem[];
}

/** The preview run only needs what the wizard's progress bar shows. */
export interface PreviewRunState {
  id: string;
  status: RunDetail["status"];
  outcome: RunDetail["outcome"];
  progress: number | null;
  failure: { reasonCode: string; message: string } | null;
}

/** Everything the wizard and the detail page show about one restore run (its items are paged). */
export interface RestoreRun {
  __typename: "RestoreRun";
  id: string;
  status: RestoreRunStatus;
  dryRun: boolean;
  targetLabel: string;
  scopeMode: RestoreScopeMode | null;
  /** The scope the operator reviewed; confirming sends it so a changed scope is never executed. */
  scopeVersion: number;
  createdAt: string;
  confirmedAt: string | null;
  sourceBackupSet: { id: string; name: string; environment: { id: string; name: string } | null } | null;
  environment: { id: string; name: string; workspace: { id: string } };
  checks: SafetyCheck[];
  counts: RestoreCounts;
  previewSummary: SummaryCount[];
  resultAttention: ResultAttention;
  previewOperationRun: PreviewRunState | null;
  operationRun: RunDetail | null;
  evidenceSnapshot: EvidenceSnapshot | null;
}

export const RestoreRunFields = gql`
  fragment RestoreRunFields on RestoreRun {
    id
    status
    dryRun
    targetLabel
    scopeMode
    scopeVersion
    createdAt
    confirmedAt
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
      key
      value
    }
    resultAttention {
      state
      summary
      primaryNextAction
      primaryCauseFamily
      recoveryClaimBoundary
    }
    previewOperationRun {
      id
      status
      outcome
      progress
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
  ${RunDetailFields}
`;

type RestoreRunNode = RestoreRun | { __typename: string } | null;

export const RestoreRunQuery = gql<{ node: RestoreRunNode }, { id: string }>`
  query RestoreRun($id: ID!) {
    node(id: $id) {
      ... on RestoreRun {
        ...RestoreRunFields
      }
    }
  }
  ${RestoreRunFields}
`;

export function isRestoreRun(node: RestoreRunNode | undefined): node is RestoreRun {
  return node?.__typename === "RestoreRun";
}

export interface RestoreItem {
  id: string;
  objectType: string;
  displayName: string;
  isFoundation: boolean;
  previewOnly: boolean;
  action: RestoreAction | null;
  changes: SettingChange[];
  targetProviderId: string | null;
  outcome: RestoreItemOutcome;
  providerAcceptance: string | null;
  unmappedReferences: { kind: string; sourceId: string; displayName: string | null }[];
  error: { reasonCode: string; message: string } | null;
  backupItem: { id: string };
}

type RestoreItemsNode = { __typename: "RestoreRun"; id: string; items: Connection<RestoreItem> } | { __typename: string } | null;

/** One page of a restore run's items, in execution order (foundations first). */
export const RestoreRunItemsQuery = gql<{ node: RestoreItemsNode }, { id: string; after: string | null }>`
  query RestoreRunItems($id: ID!, $after: String) {
    node(id: $id) {
      ... on RestoreRun {
        id
        items(first: 100, after: $after) {
          edges {
            cursor
            node {
              id
              objectType
              displayName
              isFoundation
              previewOnly
              action
              changes {
                kind
                path
                before
                after
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
`;

export function restoreItemsOf(node: RestoreItemsNode | undefined): Connection<RestoreItem> | null {
  return node?.__typename === "RestoreRun" ? (node as { items: Connection<RestoreItem> }).items : null;
}
