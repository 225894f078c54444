import { Alert, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

interface RunReasonAlertProps {
  failure: { reasonCode: string; message: string };
  /** BLOCKED waits for a person to fix something; FAILED did not get through. */
  tone?: "blocked" | "failed";
  "data-testid"?: string;
}

/**
 * Why a run (or the restore it executes) stopped, for people: a sentence in the user's language and
 * the next action, from the reason code; the server's sanitized message and the code stay visible.
 * A code without a sentence of its own shows the server's message as it came.
 */
export function RunReasonAlert({ failure, tone = "failed", "data-testid": testId = "run-reason" }: RunReasonAlertProps) {
  const { t } = useTranslation();
  const key = failure.reasonCode.toUpperCase();
  const what = t(`restoreRun.reasons.${key}.what`, { defaultValue: "" });
  const next = t(`restoreRun.reasons.${key}.next`, { defaultValue: "" });
  return (
    <Alert
      color={tone === "blocked" ? "orange" : "red"}
      title={t("restoreRun.reasonTitle")}
      data-testid={testId}
      data-reason={failure.reasonCode}
    >
      <Stack gap={4}>
        <Text size="sm" fw={600} data-testid={`${testId}-what`}>
          {what || failure.message}
        </Text>
        {next && (
          <Text size="sm" data-testid={`${testId}-next`}>
            {t("restoreRun.reasonNext")}: {next}
          </Text>
        )}
        {what && (
          <Text size="xs" c="dimmed">
            {failure.message}
          </Text>
        )}
        <Text size="xs" c="dimmed" ff="monospace">
          {t("restoreRun.reasonCode")}: {failure.reasonCode}
        </Text>
      </Stack>
    </Alert>
  );
}
