import { Button, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useMutation } from "urql";
import { errorMessage } from "../../graphql/errors";
import { describeRejection, interpretMutationResult } from "../../graphql/mutationResult";
import { type RunDetail, RerunOperationRunMutation } from "./documents";

/**
 * "Run again" on a finished run: the server starts the same operation with the same scope (or
 * returns the active run of that scope) and the view follows the run it answers with.
 */
export function RerunButton({ run }: { run: RunDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [state, rerun] = useMutation(RerunOperationRunMutation);

  async function handleRerun() {
    const result = await rerun({ input: { runId: run.id } });
    if (result.error) {
      notifications.show({ color: "red", title: t("console.rerun.failed"), message: errorMessage(result.error) });
      return;
    }
    const outcome = interpretMutationResult(result.data?.rerunOperationRun, "StartOperationPayload", t("common.unexpectedError"));
    if (outcome.kind !== "success") {
      notifications.show({
        color: "red",
        title: t("console.rerun.failed"),
        message: outcome.kind === "rejected" ? describeRejection(outcome) : outcome.message,
      });
      return;
    }
    notifications.show({ color: "green", message: outcome.payload.deduplicated ? t("console.rerun.joined") : t("console.rerun.started") });
    navigate(`/runs/${encodeURIComponent(outcome.payload.run.id)}`);
  }

  return (
    <Tooltip label={t("console.rerun.hint")}>
      <Button variant="default" onClick={handleRerun} loading={state.fetching} data-testid="run-rerun">
        {t("console.rerun.action")}
      </Button>
    </Tooltip>
  );
}
