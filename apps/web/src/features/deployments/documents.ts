import { graphql } from "../../graphql/generated";
import type {
  BaselineDeploymentQuery as DeploymentData,
  BaselineDeploymentsQuery as DeploymentsData,
} from "../../graphql/generated/graphql";

export type DeploymentDetail = Extract<NonNullable<DeploymentData["node"]>, { __typename: "BaselineDeployment" }>;
export type DeploymentRow = DeploymentsData["baselineDeployments"]["edges"][number]["node"];

export const BaselineDeploymentFields = graphql(`
  fragment BaselineDeploymentFields on BaselineDeployment {
    id
    state
    dryRun
    proven
    createdAt
    requestedBy
    approvedBy
    approvedAt
    baseline {
      id
      name
    }
    baselineVersion {
      id
      number
    }
    targets {
      environment {
        id
        name
      }
      outcome
      proven
      create
      update
      unchanged
      skipped
      blockers
      restoreRun {
        id
      }
    }
  }
`);

export const BaselineDeploymentQuery = graphql(`
  query BaselineDeployment($id: ID!) {
    node(id: $id) {
      ... on BaselineDeployment {
        ...BaselineDeploymentFields
      }
    }
  }
`);

/** The workspace's deployments, newest first; a baseline's page keeps its own. */
export const BaselineDeploymentsQuery = graphql(`
  query BaselineDeployments($workspaceId: ID!) {
    baselineDeployments(workspaceId: $workspaceId, first: 100) {
      edges {
        node {
          id
          state
          dryRun
          proven
          createdAt
          requestedBy
          baseline {
            id
          }
          targets {
            environment {
              id
            }
          }
        }
      }
    }
  }
`);

export const DeployBaselineMutation = graphql(`
  mutation DeployBaseline($input: DeployBaselineInput!) {
    deployBaseline(input: $input) {
      __typename
      ... on BaselineDeploymentPayload {
        deployment {
          id
        }
      }
      ...MutationErrorFields
    }
  }
`);

export const ApproveBaselineDeploymentMutation = graphql(`
  mutation ApproveBaselineDeployment($input: ApproveBaselineDeploymentInput!) {
    approveBaselineDeployment(input: $input) {
      __typename
      ... on BaselineDeploymentPayload {
        deployment {
          ...BaselineDeploymentFields
        }
      }
      ...MutationErrorFields
    }
  }
`);
