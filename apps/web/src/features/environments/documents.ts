import { gql } from "urql";
import type { RunStatus } from "../operations/runEnums";
import { type MutationError, MutationErrorFields } from "../../graphql/mutationErrors";

export interface StartOperationPayload {
  __typename: "StartOperationPayload";
  run: { id: string; status: RunStatus };
  deduplicated: boolean;
}

/** What a mutation that starts an operation run answers with. */
export const StartOperationPayloadFields = gql`
  fragment StartOperationPayloadFields on StartOperationPayload {
    run {
      id
      status
    }
    deduplicated
  }
`;

export type StartInventorySyncResult = StartOperationPayload | MutationError;

export const StartInventorySyncMutation = gql<{ startInventorySync: StartInventorySyncResult }, { input: { environmentId: string } }>`
  mutation StartInventorySync($input: StartInventorySyncInput!) {
    startInventorySync(input: $input) {
      ...StartOperationPayloadFields
      ...MutationErrorFields
    }
  }
  ${StartOperationPayloadFields}
  ${MutationErrorFields}
`;
