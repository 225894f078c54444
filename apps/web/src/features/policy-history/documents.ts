import { gql } from "urql";

export interface PolicyVersionSummary {
  id: string;
  contentHash: string;
  capturedAt: string;
  payloadBytes: number;
}

type HistoryNode =
  | {
      __typename: "PolicyVersion";
      id: string;
      objectType: string;
      providerId: string;
      displayName: string;
      history: PolicyVersionSummary[];
    }
  | { __typename: string }
  | null;

export const PolicyVersionHistoryQuery = gql<{ node: HistoryNode }, { id: string }>`
  query PolicyVersionHistory($id: ID!) {
    node(id: $id) {
      ... on PolicyVersion {
        id
        objectType
        providerId
        displayName
        history {
          id
          contentHash
          capturedAt
          payloadBytes
        }
      }
    }
  }
`;

export type PolicyVersionWithHistory = Extract<NonNullable<HistoryNode>, { __typename: "PolicyVersion" }>;

export function isPolicyVersion(node: HistoryNode | undefined): node is PolicyVersionWithHistory {
  return node?.__typename === "PolicyVersion";
}

export const settingChangeKinds = ["ADDED", "REMOVED", "CHANGED"] as const;
export type SettingChangeKind = (typeof settingChangeKinds)[number];

export interface SettingChange {
  kind: SettingChangeKind;
  path: string;
  /** JSON text of the value; null when the setting does not exist on that side. */
  before: string | null;
  after: string | null;
}

export const PolicyVersionDiffQuery = gql<
  { policyVersionDiff: { from: { id: string }; to: { id: string }; changes: SettingChange[] } | null },
  { fromId: string; toId: string }
>`
  query PolicyVersionDiff($fromId: ID!, $toId: ID!) {
    policyVersionDiff(fromId: $fromId, toId: $toId) {
      from {
        id
      }
      to {
        id
      }
      changes {
        kind
        path
        before
        after
      }
    }
  }
`;

/** The two normalized payloads, loaded only when the side-by-side view is opened. */
export const PolicyVersionPayloadsQuery = gql<
  { nodes: ({ __typename: "PolicyVersion"; id: string; normalizedPayload: string } | { __typename: string } | null)[] },
  { ids: string[] }
>`
  query PolicyVersionPayloads($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on PolicyVersion {
        id
        normalizedPayload
      }
    }
  }
`;
