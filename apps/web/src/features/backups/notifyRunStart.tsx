import { Anchor, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { Link } from "react-router";
import type { CombinedError } from "urql";
import { errorMessage } from "../../graphql/errors";
import { describeRejection, interpretMutationResult } from "../../graphql/mutationResult";
import type { StartOperationResult } from "../environments/documents";

export interface RunStartCopy {
  started: string;
  alreadyRunning: string;
  failed: string;
  openRun: string;
  unexpected: string;
}

/**
 * One toast for a mutation that starts (or joins) an operation run: success links to the run,
 * typed errors and transport errors explain why nothing started. Returns the run on success.
 */
export function notifyRunStart(
  result: { error?: CombinedError; value: StartOperationResult | null | undefined },
  copy: RunStartCopy,
  subject: string,
  linkTestId: string,
): Extract<StartOperationResult, { __typename: "StartOperationPayload" }>["run"] | null {
  if (result.error) {
    notifications.show({ color: "red", title: copy.failed, message: errorMessage(result.error) });
    return null;
  }
  const outcome = interpretMutationResult(result.value, "StartOperationPayload", copy.unexpected);
  if (outcome.kind !== "success") {
    notifications.show({
      color: "red",
      title: copy.failed,
      message: outcome.kind === "rejected" ? describeRejection(outcome) : outcome.message,
    });
    return null;
  }
  const { run, deduplicated } = outcome.payload;
  notifications.show({
    color: deduplicated ? "blue" : "green",
    title: deduplicated ? copy.alreadyRunning : copy.started,
    message: (
      <Stack gap={2}>
        <Text size="sm">{subject}</Text>
        <Anchor component={Link} to={`/runs/${encodeURIComponent(run.id)}`} size="sm" data-testid={linkTestId} data-run-id={run.id}>
          {copy.openRun}
        </Anchor>
      </Stack>
    ),
  });
  return run;
}
