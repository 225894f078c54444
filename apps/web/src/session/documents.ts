import { graphql } from "../graphql/generated";
import type { ViewerQuery as ViewerData, WorkspaceEnvironmentsQuery as EnvironmentsData } from "../graphql/generated/graphql";

export const ViewerQuery = graphql(`
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
`);

export type Viewer = ViewerData["viewer"];
export type ViewerMembership = Viewer["memberships"][number];

export const WorkspaceEnvironmentsQuery = graphql(`
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
`);

export type EnvironmentSummary = NonNullable<EnvironmentsData["workspace"]>["environments"]["edges"][number]["node"];
