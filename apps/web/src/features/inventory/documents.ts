import { gql } from "urql";
import type { Connection, SummaryCount } from "../../graphql/connection";
import { type StartOperationPayload, StartOperationPayloadFields } from "../environments/documents";
import { type MutationError, MutationErrorFields } from "../../graphql/mutationErrors";

export interface PolicyRow {
  id: string;
  objectType: string;
  displayName: string;
  odataType: string | null;
  lastObservedAt: string | null;
  disappearedAt: string | null;
  settingsCount: number | null;
  /** Captured versions of this policy (any one opens its history). */
  versions: { id: string }[];
}

export interface PolicyFilterInput {
  types?: string[];
  search?: string;
  includeDisappeared?: boolean;
}

type InventoryEnvironment = {
  __typename: "ManagedEnvironment";
  id: string;
  name: string;
  inventoryCounts: SummaryCount[];
  policies: Connection<PolicyRow>;
};

export const InventoryQuery = gql<
  { node: InventoryEnvironment | { __typename: string } | null },
  { environmentId: string; filter: PolicyFilterInput; after: string | null }
>`
  query Inventory($environmentId: ID!, $filter: PolicyFilter, $after: String) {
    node(id: $environmentId) {
      ... on ManagedEnvironment {
        id
        name
        inventoryCounts {
          key
          value
        }
        policies(filter: $filter, first: 50, after: $after) {
          edges {
            cursor
            node {
              id
              objectType
              displayName
              odataType
              lastObservedAt
              disappearedAt
              settingsCount
              versions {
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

export function isInventoryEnvironment(
  node: InventoryEnvironment | { __typename: string } | null | undefined,
): node is InventoryEnvironment {
  return node?.__typename === "ManagedEnvironment";
}

/** Captures one inventory policy's current version now (needs backup.run). */
export const CaptureSnapshotMutation = gql<{ captureSnapshot: StartOperationPayload | MutationError }, { input: { policyId: string } }>`
  mutation CaptureSnapshot($input: CaptureSnapshotInput!) {
    captureSnapshot(input: $input) {
      __typename
      ...StartOperationPayloadFields
      ...MutationErrorFields
    }
  }
  ${StartOperationPayloadFields}
  ${MutationErrorFields}
`;
