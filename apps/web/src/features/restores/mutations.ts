import { graphql } from "../../graphql/generated";
import type { StartRestorePreviewMutation as PreviewData } from "../../graphql/generated/graphql";

/** What most restore mutations answer with: the restore run as it is now. */
export const RestoreRunPayloadFields = graphql(`
  fragment RestoreRunPayloadFields on RestoreRunPayload {
    restoreRun {
      ...RestoreRunFields
    }
  }
`);

export const CreateRestoreRunMutation = graphql(`
  mutation CreateRestoreRun($input: CreateRestoreRunInput!) {
    createRestoreRun(input: $input) {
      ...RestoreRunPayloadFields
      ...MutationErrorFields
    }
  }
`);

export const SetRestoreScopeMutation = graphql(`
  mutation SetRestoreScope($input: SetRestoreScopeInput!) {
    setRestoreScope(input: $input) {
      ...RestoreRunPayloadFields
      ...MutationErrorFields
    }
  }
`);

export const StartRestorePreviewMutation = graphql(`
  mutation StartRestorePreview($input: StartRestorePreviewInput!) {
    startRestorePreview(input: $input) {
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
`);

export const ConfirmRestoreRunMutation = graphql(`
  mutation ConfirmRestoreRun($input: ConfirmRestoreRunInput!) {
    confirmRestoreRun(input: $input) {
      ...RestoreRunPayloadFields
      ...MutationErrorFields
    }
  }
`);

export type RestorePreviewPayload = Extract<PreviewData["startRestorePreview"], { __typename: "RestorePreviewPayload" }>;
