import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import { useSession } from "../../session/SessionProvider";
import { CancelOperationRunMutation } from "../run-detail/documents";
import { restoreStepResult } from "../restores/mutationOutcome";

/** Cancels the execution run: the restore stops before its next item (needs operations.cancel). */
export function CancelRestoreButton({ runId, onChanged }: { runId: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [state, cancelRun] = useMutation(CancelOperationRunMutation);
  const [opened, modal] = useDisclosure(false);
  if (!can("operations.cancel")) return null;

  async function cancel() {
    modal.close();
    const result = await cancelRun({ input: { runId } });
    const outcome = restoreStepResult(result.data?.cancelOperationRun, result.error, "OperationRunPayload", t);
    if (outcome.ok) {
      notifications.show({ color: "green", message: t("restoreRun.detail.cancelRequested") });
      onChanged();
    } else {
      notifications.show({ color: "red", title: t("restoreRun.detail.actionFailed"), message: outcome.message });
    }
  }

  return (
    <>
      <Button color="red" variant="outline" onClick={modal.open} loading={state.fetching} data-testid="restore-cancel">
        {t("restoreRun.detail.cancel")}
      </Button>
      <Modal opened={opened} onClose={modal.close} title={t("restoreRun.detail.cancelConfirmTitle")}>
        <Stack>
          <Text size="sm">{t("restoreRun.detail.cancelConfirmBody")}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={modal.close}>
              {t("common.back")}
            </Button>
            <Button color="red" onClick={cancel} data-testid="restore-cancel-confirm">
              {t("restoreRun.detail.cancel")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
