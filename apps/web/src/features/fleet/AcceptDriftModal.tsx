import { Button, Group, Modal, Stack, Text, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import { restoreStepResult } from "../restores/mutationOutcome";
import { AcceptDriftMutation, type DriftFindingRow } from "./documents";

const MAX_REASON = 1000;

/** Accepting asks why: the reason is audited with who accepted it, and later checks compare against the tenant's value. */
export function AcceptDriftModal({
  finding,
  onClose,
  onAccepted,
}: {
  finding: DriftFindingRow | null;
  onClose: () => void;
  onAccepted: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState("");
  const [{ fetching }, accept] = useMutation(AcceptDriftMutation);

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (!finding || reason.trim() === "") return;
    const response = await accept({ input: { findingIds: [finding.id], reason: reason.trim() } });
    const result = restoreStepResult(response.data?.acceptDrift, response.error, "DriftFindingsPayload", t);
    if (!result.ok) {
      notifications.show({ color: "red", title: t("fleet.findings.acceptFailed"), message: result.message });
      return;
    }
    notifications.show({ color: "green", title: t("fleet.findings.accepted"), message: finding.displayName });
    setReason("");
    onAccepted();
  }

  return (
    <Modal opened={finding !== null} onClose={onClose} title={t("fleet.findings.acceptTitle")} centered>
      <form onSubmit={handleSubmit}>
        <Stack gap="sm">
          <Text size="sm">{t("fleet.findings.acceptHint", { name: finding?.displayName ?? "" })}</Text>
          <Textarea
            label={t("fleet.findings.acceptReason")}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            maxLength={MAX_REASON}
            autosize
            minRows={2}
            required
            data-autofocus
            data-testid="accept-reason"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("fleet.findings.cancel")}
            </Button>
            <Button type="submit" loading={fetching} disabled={reason.trim() === ""} data-testid="accept-confirm">
              {t("fleet.findings.acceptConfirm")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
