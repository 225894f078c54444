import { Alert, Anchor, Button, Group, Loader, Stack, Table, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useLabels } from "../../i18n/useLabels";
import { Link } from "react-router";
import { RunProgress } from "../operations/RunBadges";
import type { PreviewRunState, RestoreRun } from "../restores/documents";
import { SeverityBadge } from "../restores/RestoreBadges";
import { sortChecks } from "../restores/restoreEnums";
import { useStartPreview } from "./useStartPreview";
import { hasPreview } from "./wizardSteps";

interface ChecksStepProps {
  run: RestoreRun;
  /** The preview operation run, live while it runs. */
  previewRun: PreviewRunState | null;
  onPreviewStarted: (run: RestoreRun) => void;
  onNext: () => void;
}

/** Step 3: the server's safety checks, blockers first; while the preview runs, its live progress. */
export function ChecksStep({ run, previewRun, onPreviewStarted, onNext }: ChecksStepProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  const preview = useStartPreview();
  const [error, setError] = useState<string | null>(null);
  const running = previewRun !== null && previewRun.status !== "COMPLETED";
  const done = hasPreview(run.status);
  const checks = sortChecks(run.checks);
  const blockers = checks.filter((check) => check.severity === "BLOCKER").length;
  // A preview the target refused or could not serve ends BLOCKED/FAILED: say why, in the user's language.
  const stopped =
    previewRun?.status === "COMPLETED" && (previewRun.outcome === "BLOCKED" || previewRun.outcome === "FAILED") ? previewRun : null;
  const stoppedReason = stopped?.failure
    ? t(`restoreWizard.checks.reasons.${stopped.failure.reasonCode}`, { defaultValue: stopped.failure.message })
    : "";

  async function rerun() {
    setError(null);
    const started = await preview.start(run.id);
    if (started.ok) onPreviewStarted(started.payload.restoreRun);
    else setError(started.message);
  }

  const runLink = previewRun && (
    <Anchor component={Link} to={`/runs/${encodeURIComponent(previewRun.id)}`} size="sm" data-testid="restore-preview-run-link">
      {t("restoreWizard.checks.openRun")}
    </Anchor>
  );

  return (
    <Stack pt="md" data-testid="restore-checks" data-state={running ? "running" : done ? "done" : "pending"}>
      {running ? (
        <Stack gap="xs" data-testid="restore-preview-progress">
          <Group gap="sm">
            <Loader size="xs" />
            <Text size="sm">{t("restoreWizard.checks.running")}</Text>
            {runLink}
          </Group>
          <RunProgress progress={previewRun.progress} />
        </Stack>
      ) : !done ? (
        <Stack gap="xs">
          {previewRun?.status === "COMPLETED" && previewRun.failure ? (
            <Alert color="red" data-testid="restore-preview-failed">
              {t("restoreWizard.checks.previewFailed", { reason: previewRun.failure.message })}
            </Alert>
          ) : (
            <Text size="sm" c="dimmed">
              {t("restoreWizard.checks.notStarted")}
            </Text>
          )}
          <Group>
            <Button onClick={rerun} loading={preview.fetching} data-testid="restore-run-preview">
              {t("restoreWizard.checks.run")}
            </Button>
          </Group>
        </Stack>
      ) : (
        <>
          {stopped && (
            <Alert
              color="red"
              data-testid="restore-preview-stopped"
              data-outcome={stopped.outcome}
              data-reason={stopped.failure?.reasonCode}
            >
              {stopped.outcome === "BLOCKED"
                ? t("restoreWizard.checks.previewStopped.BLOCKED", { reason: stoppedReason })
                : t("restoreWizard.checks.previewStopped.FAILED", { reason: stoppedReason })}
            </Alert>
          )}
          {blockers > 0 ? (
            <Alert color="red" data-testid="restore-blockers">
              {t("restoreWizard.checks.blockers", { count: blockers })}
            </Alert>
          ) : (
            checks.length === 0 && (
              <Alert color="green" data-testid="restore-checks-passed">
                {t("restoreWizard.checks.none")}
              </Alert>
            )
          )}
          {checks.length > 0 && (
            <Table withTableBorder data-testid="restore-checks-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={110}>{t("restoreWizard.checks.columns.severity")}</Table.Th>
                  <Table.Th w={200}>{t("restoreWizard.checks.columns.code")}</Table.Th>
                  <Table.Th>{t("restoreWizard.checks.columns.message")}</Table.Th>
                  <Table.Th w={220}>{t("restoreWizard.checks.columns.item")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {checks.map((check) => (
                  // Checks have no id; code, item and message identify one.
                  <Table.Tr
                    key={`${check.code}-${check.item?.id ?? ""}-${check.message}`}
                    data-testid="restore-check"
                    data-severity={check.severity}
                    data-code={check.code}
                  >
                    <Table.Td>
                      <SeverityBadge severity={check.severity} />
                    </Table.Td>
                    <Table.Td style={{ wordBreak: "break-all" }}>
                      <CheckTitle code={check.code} />
                    </Table.Td>
                    <Table.Td data-testid="restore-check-message">{labels.safetyCheck(check)}</Table.Td>
                    <Table.Td>{check.item?.displayName ?? "—"}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <Group>
            <Button onClick={onNext} data-testid="restore-checks-next">
              {t("common.next")}
            </Button>
            <Button variant="default" onClick={rerun} loading={preview.fetching} data-testid="restore-rerun-preview">
              {t("restoreWizard.checks.rerun")}
            </Button>
            {runLink}
          </Group>
        </>
      )}
      {error && (
        <Alert color="red" title={t("restoreWizard.checks.failed")} style={{ whiteSpace: "pre-line" }}>
          {error}
        </Alert>
      )}
    </Stack>
  );
}

/** A check's title in the user's language where the code needs one, and always its code. */
function CheckTitle({ code }: { code: string }) {
  const { t } = useTranslation();
  const title = t(`restoreWizard.checks.codes.${code}`, { defaultValue: "" });
  return (
    <Stack gap={0}>
      {title && (
        <Text size="sm" fw={600} data-testid="restore-check-title">
          {title}
        </Text>
      )}
      <Text size="xs" ff="monospace">
        {code}
      </Text>
    </Stack>
  );
}
