import { notifications } from "@mantine/notifications";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import { type RestoreStepResult, restoreStepResult } from "../restores/mutationOutcome";
import { type RestorePreviewPayload, StartRestorePreviewMutation } from "../restores/mutations";

/** Enqueues restore.preview (checks + plan); a preview already running is reused, not doubled. */
export function useStartPreview() {
  const { t } = useTranslation();
  const [state, startPreview] = useMutation(StartRestorePreviewMutation);
  const start = useCallback(
    async (restoreRunId: string): Promise<RestoreStepResult<RestorePreviewPayload>> => {
      const result = await startPreview({ input: { restoreRunId } });
      const outcome = restoreStepResult(result.data?.startRestorePreview, result.error, "RestorePreviewPayload", t);
      if (outcome.ok && outcome.payload.deduplicated) {
        notifications.show({ color: "blue", message: t("restoreWizard.checks.alreadyRunning") });
      }
      return outcome;
    },
    [startPreview, t],
  );
  return { start, fetching: state.fetching };
}
