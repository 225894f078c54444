import { gql } from "urql";
import { type RestoreRun, RestoreRunFields } from "./documents";
import type { RestoreScopeMode } from "./restoreEnums";
import { type MutationError, MutationErrorFields } from "../../graphql/mutationErrors";

export interface RestoreRunPayload {
  __typename: "RestoreRunPayload";
  restoreRun: RestoreRun;
}

export interface RestorePreviewPayload {
  __typename: "RestorePreviewPayload";
  restoreRun: RestoreRun;
  run: { id: string };
  deduplicated: boolean;
}

/** What most restore mutations answer with: the restore run as it is now. */
export const RestoreRunPayloadFields = gql`
  fragment RestoreRunPayloadFields on RestoreRunPayload {
    restoreRun {
      ...RestoreRunFields
    }
  }
  ${RestoreRunFields}
`;

export const CreateRestoreRunMutation = gql<
  { createRestoreRun: RestoreRunPayload | MutationError },
  { input: { backupSetId: string; environmentId: string; dryRun: boolean } }
>`
  mutation CreateRestoreRun($input: CreateRestoreRunInput!) {
    createRestoreRun(input: $input) {
      __typename
      ...RestoreRunPayloadFields
      ...MutationErrorFields
    }
  }
  ${RestoreRunPayloadFields}
  ${MutationErrorFields}
`;

export interface RestoreScopeInput {
  restoreRunId: string;
  backupItemIds: string[];
  objectTypes: string[];
  selectAll: boolean;
  mode: RestoreScopeMode;
}

export const SetRestoreScopeMutation = gql<{ setRestoreScope: RestoreRunPayload | MutationError }, { input: RestoreScopeInput }>`
  mutation SetRestoreScope($input: SetRestoreScopeInput!) {
    setRestoreScope(input: $input) {
      __typename
      ...RestoreRunPayloadFields
      ...MutationErrorFields
    }
  }
  ${RestoreRunPayloadFields}
  ${MutationErrorFields}
`;

export const StartRestorePreviewMutation = gql<
  { startRestorePreview: RestorePreviewPayload | MutationError },
  { input: { restoreRunId: string } }
>`
  mutation StartRestorePreview($input: StartRestorePreviewInput!) {
    startRestorePreview(input: $input) {
      __typename
      ... on RestorePreviewPayload {
        restoreRun {
          ...RestoreRunFields
        }
        run {
          id
        }
        deduplicated
      }
      ...MutationErrorFields
    }
  }
  ${RestoreRunFields}
  ${MutationErrorFields}
`;

export const ConfirmRestoreRunMutation = gql<
  { confirmRestoreRun: RestoreRunPayload | MutationError },
  { input: { restoreRunId: string; acknowledgeImpact: boolean; typedTargetName: string; scopeVersion: number } }
>`
  mutation ConfirmRestoreRun($input: ConfirmRestoreRunInput!) {
    confirmRestoreRun(input: $input) {
      __typename
      ...RestoreRunPayloadFields
      ...MutationErrorFields
    }
  }
  ${RestoreRunPayloadFields}
  ${MutationErrorFields}
`;
