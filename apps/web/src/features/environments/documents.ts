import { graphql } from "../../graphql/generated";
import type { StartInventorySyncMutation as StartInventorySyncData } from "../../graphql/generated/graphql";

/** What a mutation that starts an operation run answers with. */
export const StartOperationPayloadFields = graphql(`
  fragment StartOperationPayloadFields on StartOperationPayload {
    run {
      id
      status
    }
    deduplicated
  }
`);

export const StartInventorySyncMutation = graphql(`
  mutation StartInventorySync($input: StartInventorySyncInput!) {
    startInventorySync(input: $input) {
      ...StartOperationPayloadFields
      ...MutationErrorFields
    }
  }
`);

/** The result union of every mutation that starts an operation run (they all select the same). */
export type StartOperationResult = StartInventorySyncData["startInventorySync"];
