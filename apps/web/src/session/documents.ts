import { gql } from "urql";

export interface ViewerMembership {
  workspace: { id: string; name: string; slug: string };
  role: string;
  capabilities: string[];
}

export interface Viewer {
  id: string;
  displayName: string;
  memberships: ViewerMembership[];
}

export const ViewerQuery = gql<{ viewer: Viewer }, Record<string, never>>`
  query Viewer {
    viewer {
      id
      displayName
      memberships {
        workspace {
          id
          name
          slug
        }
        role
        capabilities
      }
    }
  }
`;

export interface EnvironmentSummary {
  id: string;
  name: string;
  providerTenantId: string;
}

export const WorkspaceEnvironmentsQuery = gql<
  {
    workspace: {
      id: string;
      environments: { edges: { node: EnvironmentSummary }[]; totalCount: number };
    } | null;
  },
  { workspaceId: string }
>`
  query WorkspaceEnvironments($workspaceId: ID!) {
    workspace(id: $workspaceId) {
      id
      environments(first: 100) {
        edges {
          node {
            id
            name
            providerTenantId
          }
        }
        totalCount
      }
    }
  }
`;
