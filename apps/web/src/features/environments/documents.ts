import { gql } from "urql";
import type { FieldError } from "../../graphql/mutationResult";
import type { RunStatus } from "../operations/runEnums";

export interface StartOperationPayload {
  __typename: "StartOperationPayload";
  run: { id: string; status: RunStatus };
  deduplicated: boolean;
}

export type StartInventorySyncResult = StartOperationPayload | { __typename: string; message: string; fieldErrors?: FieldError[] };

export const StartInventorySyncMutation = gql<{ startInventorySync: StartInventorySyncResult }, { input: { environmentId: string } }>`
  mutation StartInventorySync($input: StartInventorySyncInput!) {
    startInventorySync(input: $input) {
      ... on StartOperationPayload {
        run {
          id
          status
        }
        deduplicated
      }
      ... on ForbiddenError {
        message
      }
      ... on NotFoundError {
        message
      }
      ... on ConflictError {
        message
      }
      ... on ValidationError {
        message
        fieldErrors {
          path
          message
        }
      }
    }
  }
`;
