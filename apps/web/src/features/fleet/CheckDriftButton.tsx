import { Button } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import { notifyRunStart } from "../backups/notifyRunStart";
import { StartDriftCheckMutation } from "./documents";

/**
 * Starts (or joins) the drift check of one environment; the toast links to its run. `onStarted`
 * gets the run, e.g. to show the check as running until it ends.
 */
export function CheckDriftButton({
  environment,
  label,
  onStarted,
  variant = "filled",
}: {
  environment: { id: string; name: string };
  label?: string;
  onStarted?: (runId: string) => void;
  variant?: string;
}) {
  const { t } = useTranslation();
  const [{ fetching }, start] = useMutation(StartDriftCheckMutation);

  async function handleClick() {
    const response = await start({ input: { environmentId: environment.id } });
    const run = notifyRunStart(
      { error: response.error, value: response.data?.startDriftCheck },
      {
        started: t("fleet.findings.checkStarted"),
        alreadyRunning: t("fleet.findings.checkAlreadyRunning"),
        failed: t("fleet.findings.checkFailed"),
        openRun: t("fleet.findings.openRun"),
        unexpected: t("common.unexpectedError"),
      },
      environment.name,
      "drift-check-run-link",
    );
    if (run) onStarted?.(run.id);
  }

  return (
    <Button
      size="xs"
      variant={variant}
      loading={fetching}
      onClick={() => void handleClick()}
      data-testid={`drift-check-${environment.name}`}
    >
      {label ?? t("fleet.findings.checkNow")}
    </Button>
  );
}
