import { graphql } from "../../graphql/generated";
import type { InventoryQuery as InventoryData, PolicyRowFieldsFragment } from "../../graphql/generated/graphql";

/** One inventory object; any of its captured versions opens its history. */
export type PolicyRow = PolicyRowFieldsFragment;

export const PolicyRowFields = graphql(`
  fragment PolicyRowFields on Policy {
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
`);

export const InventoryQuery = graphql(`
  query Inventory($environmentId: ID!, $filter: PolicyFilter, $after: String) {
    node(id: $environmentId) {
      ... on ManagedEnvironment {
        id
        name
        inventoryCounts {
          ...SummaryCountFields
        }
        policies(filter: $filter, first: 50, after: $after) {
          edges {
            cursor
            node {
              ...PolicyRowFields
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

type InventoryEnvironment = Extract<NonNullable<InventoryData["node"]>, { __typename: "ManagedEnvironment" }>;

export function isInventoryEnvironment(node: InventoryData["node"] | undefined): node is InventoryEnvironment {
  return node?.__typename === "ManagedEnvironment";
}

/** Captures one inventory policy's current version now (needs backup.run). */
export const CaptureSnapshotMutation = graphql(`
  mutation CaptureSnapshot($input: CaptureSnapshotInput!) {
    captureSnapshot(input: $input) {
      ...StartOperationPayloadFields
      ...MutationErrorFields
    }
  }
`);
