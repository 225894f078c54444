import { graphql } from "../../graphql/generated";
import type { PolicyVersionHistoryQuery as HistoryData, SettingChangeFieldsFragment } from "../../graphql/generated/graphql";

export const PolicyVersionHistoryQuery = graphql(`
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
          newestBackupItem {
            id
            backupSet {
              id
            }
          }
        }
      }
    }
  }
`);

type HistoryNode = HistoryData["node"];
export type PolicyVersionWithHistory = Extract<NonNullable<HistoryNode>, { __typename: "PolicyVersion" }>;
export type PolicyVersionSummary = PolicyVersionWithHistory["history"][number];

export function isPolicyVersion(node: HistoryNode | undefined): node is PolicyVersionWithHistory {
  return node?.__typename === "PolicyVersion";
}

/** One changed setting; before and after are JSON text, null when the setting does not exist on that side. */
export type SettingChange = SettingChangeFieldsFragment;

export const SettingChangeFields = graphql(`
  fragment SettingChangeFields on SettingChange {
    kind
    path
    before
    after
  }
`);

export const PolicyVersionDiffQuery = graphql(`
  query PolicyVersionDiff($fromId: ID!, $toId: ID!) {
    policyVersionDiff(fromId: $fromId, toId: $toId) {
      from {
        id
      }
      to {
        id
      }
      changes {
        ...SettingChangeFields
      }
    }
  }
`);

/** The two normalized payloads, loaded only when the side-by-side view is opened. */
export const PolicyVersionPayloadsQuery = graphql(`
  query PolicyVersionPayloads($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on PolicyVersion {
        id
        normalizedPayload
      }
    }
  }
`);
