import { Button } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import { notifyRunStart } from "../backups/notifyRunStart";
import { CaptureSnapshotMutation, type PolicyRow } from "./documents";

/** Captures this policy's current version now (policy.capture_snapshot; needs backup.run). */
export function CaptureSnapshotButton({ policy }: { policy: PolicyRow }) {
  const { t } = useTranslation();
  const [{ fetching }, captureSnapshot] = useMutation(CaptureSnapshotMutation);

  async function handleClick() {
    const result = await captureSnapshot({ input: { policyId: policy.id } });
    notifyRunStart(
      { error: result.error, value: result.data?.captureSnapshot },
      {
        started: t("inventory.snapshotStarted"),
        alreadyRunning: t("inventory.snapshotAlreadyRunning"),
        failed: t("inventory.snapshotFailed"),
        openRun: t("environments.openRun"),
        unexpected: t("common.unexpectedError"),
      },
      policy.displayName,
      "snapshot-run-link",
    );
  }

  return (
    <Button size="compact-xs" variant="light" loading={fetching} onClick={handleClick} data-testid={`capture-snapshot-${policy.id}`}>
      {t("inventory.captureSnapshot")}
    </Button>
  );
}
