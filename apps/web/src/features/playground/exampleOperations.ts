/**
 * Tabs the playground opens with on first visit (GraphiQL then remembers the user's own tabs).
 * They double as documentation of the partner-facing names.
 */
export const exampleTabs = [
  {
    query: `# Who am I, and which workspaces can I act in?
query Viewer {
  viewer {
    id
    displayName
    memberships {
      workspace { id name slug }
      role
      capabilities
    }
  }
}
`,
  },
  {
    query: `# Operation runs of a workspace, newest first. Paste a workspace id from the Viewer tab.
query OperationRuns($workspaceId: ID!, $after: String) {
  operationRuns(workspaceId: $workspaceId, first: 20, after: $after, filter: { hasProofGaps: false }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        id
        type
        status
        outcome
        progress
        environment { name }
        reconciliation { decision reasonCode }
        proofGaps { code message }
      }
    }
  }
}
`,
    variables: JSON.stringify({ workspaceId: "<workspace id>" }, null, 2),
  },
  {
    query: `# Start an inventory sync; a second start while one is active returns it with deduplicated: true.
mutation StartInventorySync($environmentId: ID!) {
  startInventorySync(input: { environmentId: $environmentId }) {
    __typename
    ... on StartOperationPayload {
      deduplicated
      run { id status }
    }
    ... on Error { message }
  }
}
`,
    variables: JSON.stringify({ environmentId: "<environment id>" }, null, 2),
  },
];
