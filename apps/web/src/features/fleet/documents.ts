import { graphql } from "../../graphql/generated";
import type { EnvironmentDriftFindingsQuery as FindingsData, FleetConformanceQuery as FleetData } from "../../graphql/generated/graphql";

export type FleetRow = FleetData["fleetConformance"][number];

export const FleetConformanceQuery = graphql(`
  query FleetConformance($workspaceId: ID!, $filter: FleetConformanceFilter) {
    fleetConformance(workspaceId: $workspaceId, filter: $filter) {
      environment {
        id
        name
      }
      baseline {
        id
        name
      }
      checkedVersion {
        number
      }
      counts {
        items
        equal
        changed
        missing
        ambiguous
      }
      unmanaged
      openFindings
      drifted
      lastCheck {
        id
        outcome
        completedAt
        reconciliation {
          decision
          outcome
        }
        proofGaps {
          code
        }
      }
      activeCheck {
        id
      }
    }
  }
`);

/** The baselines a filter offers: names only. */
export const BaselineNamesQuery = graphql(`
  query BaselineNames($workspaceId: ID!) {
    baselines(workspaceId: $workspaceId, first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

export type DriftFindingRow = NonNullable<FindingsData["driftFindings"]>["edges"][number]["node"];

export const EnvironmentDriftFindingsQuery = graphql(`
  query EnvironmentDriftFindings($workspaceId: ID!, $environmentId: ID!, $filter: DriftFindingFilter, $after: String) {
    environment: node(id: $environmentId) {
      ... on ManagedEnvironment {
        id
        name
      }
    }
    driftFindings(workspaceId: $workspaceId, filter: $filter, first: 50, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...DriftFindingFields
        }
      }
    }
  }
`);

export const DriftFindingFields = graphql(`
  fragment DriftFindingFields on DriftFinding {
    id
    state
    kind
    objectType
    displayName
    createdAt
    baseline {
      id
      name
    }
    settingChanges {
      kind
      path
      expected
      actual
    }
    actedBy
    actedByName
    reason
    actedAt
  }
`);

export const StartDriftCheckMutation = graphql(`
  mutation StartDriftCheck($input: StartDriftCheckInput!) {
    startDriftCheck(input: $input) {
      ...StartOperationPayloadFields
      ...MutationErrorFields
    }
  }
`);

export const AcceptDriftMutation = graphql(`
  mutation AcceptDrift($input: AcceptDriftInput!) {
    acceptDrift(input: $input) {
      __typename
      ... on DriftFindingsPayload {
        findings {
          ...DriftFindingFields
        }
      }
      ...MutationErrorFields
    }
  }
`);

export const RevertDriftMutation = graphql(`
  mutation RevertDrift($input: RevertDriftInput!) {
    revertDrift(input: $input) {
      __typename
      ... on RevertDriftPayload {
        restoreRun {
          id
          sourceBackupSet {
            id
          }
        }
      }
      ...MutationErrorFields
    }
  }
`);

export const DriftScheduleFields = graphql(`
  fragment DriftScheduleFields on DriftSchedule {
    enabled
    intervalHours
  }
`);

export const DriftScheduleQuery = graphql(`
  query DriftSchedule($workspaceId: ID!) {
    node(id: $workspaceId) {
      __typename
      ... on Workspace {
        id
        driftSchedule {
          ...DriftScheduleFields
        }
      }
    }
  }
`);

export const SetDriftScheduleMutation = graphql(`
  mutation SetDriftSchedule($input: SetDriftScheduleInput!) {
    setDriftSchedule(input: $input) {
      __typename
      ... on DriftSchedulePayload {
        schedule {
          ...DriftScheduleFields
        }
      }
      ...MutationErrorFields
    }
  }
`);
