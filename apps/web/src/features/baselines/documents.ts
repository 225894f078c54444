import { graphql } from "../../graphql/generated";
import type {
  BaselineQuery as BaselineData,
  BaselinesQuery as BaselinesData,
  BaselineVersionContentFieldsFragment,
  BaselineVersionQuery as BaselineVersionData,
  ImportBaselineMutation as ImportData,
} from "../../graphql/generated/graphql";

export type BaselineRow = BaselinesData["baselines"]["edges"][number]["node"];

export const BaselinesQuery = graphql(`
  query Baselines($workspaceId: ID!, $after: String) {
    baselines(workspaceId: $workspaceId, first: 50, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          updatedAt
          latestVersion {
            id
            number
            itemCount
          }
          environments {
            id
            name
          }
        }
      }
    }
  }
`);

/** What an import or a version shows: its objects by type and name, and the files not recognized with why. */
export const BaselineVersionContentFields = graphql(`
  fragment BaselineVersionContentFields on BaselineVersion {
    id
    number
    itemCount
    items {
      id
      objectType
      displayName
      source {
        kind
        fileName
      }
    }
    notRecognizedFiles {
      fileName
      reason
      message
    }
  }
`);

export type ImportedBaseline = Extract<ImportData["importBaseline"], { __typename: "BaselinePayload" }>["baseline"];
export type VersionContent = BaselineVersionContentFieldsFragment;

export const ImportBaselineMutation = graphql(`
  mutation ImportBaseline($input: ImportBaselineInput!) {
    importBaseline(input: $input) {
      __typename
      ... on BaselinePayload {
        baseline {
          id
          name
          latestVersion {
            ...BaselineVersionContentFields
          }
        }
      }
      ...MutationErrorFields
    }
  }
`);

export type VersionDiff = NonNullable<Extract<NonNullable<BaselineVersionData["node"]>, { __typename: "BaselineVersion" }>["diff"]>;

export type BaselineDetail = Extract<NonNullable<BaselineData["node"]>, { __typename: "Baseline" }>;

export const BaselineQuery = graphql(`
  query Baseline($id: ID!) {
    node(id: $id) {
      ... on Baseline {
        id
        name
        createdAt
        environments {
          id
          name
        }
        versions {
          id
          number
          origin
          itemCount
          createdAt
        }
      }
    }
  }
`);

export const BaselineVersionQuery = graphql(`
  query BaselineVersion($id: ID!) {
    node(id: $id) {
      ... on BaselineVersion {
        ...BaselineVersionContentFields
        diff {
          from {
            number
          }
          objects {
            objectType
            displayName
            kind
            changes {
              kind
              path
              before
              after
            }
          }
        }
      }
    }
  }
`);

/** What an assignment change answers: the baseline's environments as they now are. */
export const BaselineAssignmentFields = graphql(`
  fragment BaselineAssignmentFields on BaselinePayload {
    baseline {
      id
      environments {
        id
        name
      }
    }
  }
`);

export const AssignBaselineMutation = graphql(`
  mutation AssignBaseline($input: BaselineAssignmentInput!) {
    assignBaseline(input: $input) {
      __typename
      ...BaselineAssignmentFields
      ...MutationErrorFields
    }
  }
`);

export const UnassignBaselineMutation = graphql(`
  mutation UnassignBaseline($input: BaselineAssignmentInput!) {
    unassignBaseline(input: $input) {
      __typename
      ...BaselineAssignmentFields
      ...MutationErrorFields
    }
  }
`);

export const CreateBaselineFromBackupMutation = graphql(`
  mutation CreateBaselineFromBackup($input: CreateBaselineFromBackupInput!) {
    createBaselineFromBackup(input: $input) {
      __typename
      ... on BaselinePayload {
        baseline {
          id
        }
      }
      ...MutationErrorFields
    }
  }
`);
