import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { type AnyVariables, type OperationResult, useMutation } from "urql";
import { errorMessage } from "../../graphql/errors";
import { describeRejection, interpretMutationResult } from "../../graphql/mutationResult";
import { CancelOperationRunMutation, ReconcileOperationRunMutation, type RunDetail, type RunMutationResult } from "./documents";
import { useLabels } from "../../i18n/useLabels";
import { RerunButton } from "./RerunButton";

interface RunActionsProps {
  run: RunDetail;
  /** Capabilities of the viewer's membership in the run's workspace. */
  capabilities: readonly string[];
  /** Called after a successful action so the view refetches events the subscription doesn't carry. */
  onChanged: () => void;
}

export function RunActions({ run, capabilities, onChanged }: RunActionsProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [cancelState, cancelRun] = useMutation(CancelOperationRunMutation);
  const [reconcileState, reconcileRun] = useMutation(ReconcileOperationRunMutation);
  const [confirmOpened, confirm] = useDisclosure(false);

  function report<Data>(result: OperationResult<Data, AnyVariables>, pick: (data: Data) => RunMutationResult, successTitle: string) {
    if (result.error) {
      notifications.show({ color: "red", title: t("runDetail.actionFailed"), message: errorMessage(result.error) });
      return;
    }
    const outcome = interpretMutationResult(result.data ? pick(result.data) : null, "OperationRunPayload", t("common.unexpectedError"));
    if (outcome.kind === "success") {
      notifications.show({ color: "green", title: successTitle, message: t(`runOutcome.${outcome.payload.run.outcome}`) });
      onChanged();
      return;
    }
    notifications.show({
      color: "red",
      title: t("runDetail.actionFailed"),
      message: outcome.kind === "rejected" ? describeRejection(outcome) : outcome.message,
    });
  }

  async function handleCancel() {
    confirm.close();
    const result = await cancelRun({ input: { runId: run.id } });
    report(result, (data) => data.cancelOperationRun, t("runDetail.cancelRequested"));
  }

  async function handleReconcile() {
    const result = await reconcileRun({ input: { runId: run.id } });
    report(result, (data) => data.reconcileOperationRun, t("runDetail.recheckDone"));
  }

  const canReconcile = capabilities.includes("operations.reconcile");
  const canCancel = capabilities.includes("operations.cancel") && run.status !== "COMPLETED";
  // The server checks the operation's own capability; the button shows wherever the run can be re-run at all.
  const canRerun = run.rerunnable;
  if (!canReconcile && !canCancel && !canRerun) return null;

  return (
    <>
      <Group gap="xs">
        {canRerun && <RerunButton run={run} />}
        {canReconcile && (
          <Button onClick={handleReconcile} loading={reconcileState.fetching} data-testid="run-recheck">
            {t("runDetail.recheck")}
          </Button>
        )}
        {canCancel && (
          <Button color="red" variant="outline" onClick={confirm.open} loading={cancelState.fetching} data-testid="run-cancel">
            {t("runDetail.cancel")}
          </Button>
        )}
      </Group>
      <Modal opened={confirmOpened} onClose={confirm.close} title={t("runDetail.cancelConfirmTitle")}>
        <Stack>
          <Text size="sm">{t("runDetail.cancelConfirmBody", { type: labels.operationType(run.type) })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={confirm.close}>
              {t("common.back")}
            </Button>
            <Button color="red" onClick={handleCancel} data-testid="run-cancel-confirm">
              {t("runDetail.cancel")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
