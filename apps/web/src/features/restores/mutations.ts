import { gql } from "urql";
import type { FieldError } from "../../graphql/mutationResult";
import { type RestoreRun, RestoreRunFields } from "./documents";
import type { RestoreScopeMode } from "./restoreEnums";

/** Typed errors of a mutation union, read through the shared Error interface. */
export type RestoreMutationError = { __typename: string; message: string; fieldErrors?: FieldError[] };

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

export const CreateRestoreRunMutation = gql<
  { createRestoreRun: RestoreRunPayload | RestoreMutationError },
  { input: { backupSetId: string; environmentId: string; dryRun: boolean } }
>`
  mutation CreateRestoreRun($input: CreateRestoreRunInput!) {
    createRestoreRun(input: $input) {
      __typename
      ... on RestoreRunPayload {
        restoreRun {
          ...RestoreRunFields
        }
      }
      ... on Error {
        message
      }
      ... on ValidationError {
        fieldErrors {
          path
          message
        }
      }
    }
  }
  ${RestoreRunFields}
`;

export interface RestoreScopeInput {
  restoreRunId: string;
  backupItemIds: string[];
  objectTypes: string[];
  selectAll: boolean;
  mode: RestoreScopeMode;
}

export const SetRestoreScopeMutation = gql<{ setRestoreScope: RestoreRunPayload | RestoreMutationError }, { input: RestoreScopeInput }>`
  mutation SetRestoreScope($input: SetRestoreScopeInput!) {
    setRestoreScope(input: $input) {
      __typename
      ... on RestoreRunPayload {
        restoreRun {
          ...RestoreRunFields
        }
      }
      ... on Error {
        message
      }
      ... on ValidationError {
        fieldErrors {
          path
          message
        }
      }
    }
  }
  ${RestoreRunFields}
`;

export const StartRestorePreviewMutation = gql<
  { startRestorePreview: RestorePreviewPayload | RestoreMutationError },
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
      ... on Error {
        message
      }
      ... on ValidationError {
        fieldErrors {
          path
          message
        }
      }
    }
  }
  ${RestoreRunFields}
`;

export const ConfirmRestoreRunMutation = gql<
  { confirmRestoreRun: RestoreRunPayload | RestoreMutationError },
  { input: { restoreRunId: string; acknowledgeImpact: boolean; typedTargetName: string } }
>`
  mutation ConfirmRestoreRun($input: ConfirmRestoreRunInput!) {
    confirmRestoreRun(input: $input) {
      __typename
      ... on RestoreRunPayload {
        restoreRun {
          ...RestoreRunFields
        }
      }
      ... on Error {
        message
      }
      ... on ValidationError {
        fieldErrors {
          path
          message
        }
      }
    }
  }
  ${RestoreRunFields}
`;
