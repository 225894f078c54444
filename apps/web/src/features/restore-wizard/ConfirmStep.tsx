import { Alert, Button, Checkbox, Group, Stack, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { useMutation } from "urql";
import type { FieldError } from "../../graphql/mutationResult";
import { useSession } from "../../session/SessionProvider";
import type { RestoreRun } from "../restores/documents";
import { fieldErrorFor, restoreStepResult } from "../restores/mutationOutcome";
import { ConfirmRestoreRunMutation } from "../restores/mutations";
import { DryRunBadge, FrozenTargetBadge } from "../restores/RestoreBadges";

/** Step 5: acknowledge the impact and type the frozen target name exactly; blockers make it impossible. */
export function ConfirmStep({ run, onBackToScope }: { run: RestoreRun; onBackToScope: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { can } = useSession();
  const [confirmState, confirmRun] = useMutation(ConfirmRestoreRunMutation);
  const [acknowledged, setAcknowledged] = useState(false);
  const [typedName, setTypedName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldError[]>([]);

  const blockers = run.checks.filter((check) => check.severity === "BLOCKER").length;
  const executeLacking = !run.dryRun && !can("restore.execute");
  const nameMatches = typedName === run.targetLabel;
  const allowed = blockers === 0 && !executeLacking && run.status === "PREVIEWED";
  const summary = new Map(run.previewSummary.map((count) => [count.key, count.value]));
  const count = (key: string) => String(summary.get(key) ?? 0);
  const total = [...summary.values()].reduce((sum, value) => sum + value, 0);
  const dryRunPath = `/restore/new?${new URLSearchParams({ backupSet: run.sourceBackupSet?.id ?? "", target: run.environment.id })}`;

  async function confirm() {
    setError(null);
    setFieldErrors([]);
    const result = await confirmRun({
      input: { restoreRunId: run.id, acknowledgeImpact: acknowledged, typedTargetName: typedName, scopeVersion: run.scopeVersion },
    });
    const outcome = restoreStepResult(result.data?.confirmRestoreRun, result.error, "RestoreRunPayload", t);
    if (outcome.ok) {
      navigate(`/restores/${encodeURIComponent(outcome.payload.restoreRun.id)}`);
      return;
    }
    setError(outcome.message);
    setFieldErrors(outcome.fieldErrors);
  }

  const typedError =
    fieldErrorFor(fieldErrors, "typedTargetName") ?? (typedName && !nameMatches ? t("restoreWizard.confirm.mismatch") : null);
  return (
    <Stack maw={720} pt="md" data-testid="restore-confirm-step">
      <Group gap="xs">
        <FrozenTargetBadge name={run.targetLabel} dryRun={run.dryRun} />
        <DryRunBadge dryRun={run.dryRun} />
      </Group>
      <Alert color={run.dryRun ? "blue" : "red"} data-testid="restore-confirm-impact">
        <Stack gap={4}>
          <Text size="sm">
            {run.dryRun ? t("restoreWizard.confirm.dryRunExplained") : t("restoreWizard.confirm.liveExplained", { name: run.targetLabel })}
          </Text>
          <Text size="sm" fw={500}>
            {t("restoreWizard.confirm.plan", {
              total: String(total),
              create: count("create"),
              update: count("update"),
              noChange: count("noChange"),
              skip: count("skip"),
            })}
          </Text>
        </Stack>
      </Alert>
      {blockers > 0 && (
        <Alert color="red" data-testid="restore-confirm-blocked">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t("restoreWizard.confirm.blocked")}</Text>
            <Button size="xs" variant="white" color="red" onClick={onBackToScope}>
              {t("restoreWizard.steps.scope")}
            </Button>
          </Stack>
        </Alert>
      )}
      {executeLacking && (
        <Alert color="orange" data-testid="restore-confirm-execute-lacking">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t("restoreWizard.confirm.executeLacking")}</Text>
            <Button size="xs" variant="white" component={Link} to={dryRunPath} data-testid="restore-start-dry-run">
              {t("restoreWizard.confirm.startDryRun")}
            </Button>
          </Stack>
        </Alert>
      )}
      <Checkbox
        label={t("restoreWizard.confirm.acknowledge")}
        checked={acknowledged}
        disabled={!allowed}
        onChange={(event) => setAcknowledged(event.currentTarget.checked)}
        error={fieldErrorFor(fieldErrors, "acknowledgeImpact")}
        data-testid="restore-acknowledge"
      />
      <TextInput
        label={t("restoreWizard.confirm.typedName")}
        description={t("restoreWizard.confirm.typedNameHint", { name: run.targetLabel })}
        value={typedName}
        disabled={!allowed}
        onChange={(event) => setTypedName(event.currentTarget.value)}
        error={typedError}
        autoComplete="off"
        data-testid="restore-typed-name"
      />
      {error && (
        <Alert color="red" title={t("restoreWizard.confirm.failed")} data-testid="restore-error" style={{ whiteSpace: "pre-line" }}>
          {error}
        </Alert>
      )}
      <Group>
        <Button
          color={run.dryRun ? "blue" : "red"}
          onClick={confirm}
          loading={confirmState.fetching}
          disabled={!allowed || !acknowledged || !nameMatches}
          data-testid="restore-confirm"
        >
          {run.dryRun ? t("restoreWizard.confirm.confirmDry") : t("restoreWizard.confirm.confirmLive", { name: run.targetLabel })}
        </Button>
      </Group>
    </Stack>
  );
}
