import { Alert, Button, Chip, Group, Modal, NumberInput, Stack, Switch, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useClient, useMutation } from "urql";
import { errorMessage } from "../../graphql/errors";
import { type MutationOutcome, interpretMutationResult } from "../../graphql/mutationResult";
import { useFormatters } from "../../i18n/useFormatters";
import type { EnvironmentSummary } from "../../session/documents";
import { ScheduleWhen } from "./ScheduleWhen";
import { cronPresets, fieldErrorsByName, formValuesOf, presetOf, type ScheduleFormValues, toScheduleInput } from "./scheduleForm";
import {
  type BackupRetentionPreview,
  BackupRetentionPreviewQuery,
  type BackupSchedule,
  SetBackupScheduleMutation,
} from "./scheduleDocuments";

const FORM_FIELDS = ["enabled", "cronExpression", "retentionKeepLast", "retentionKeepDays", "retentionIncludesManual"];

interface ScheduleModalProps {
  opened: boolean;
  onClose: () => void;
  environment: EnvironmentSummary;
  schedule: BackupSchedule | null;
  onSaved: () => void;
}

export function ScheduleModal({ opened, onClose, environment, schedule, onSaved }: ScheduleModalProps) {
  const { t } = useTranslation();
  const _format = useFormatters();
  const [values, setValues] = useState<ScheduleFormValues>(() => formValuesOf(schedule));
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [{ fetching }, setBackupSchedule] = useMutation(SetBackupScheduleMutation);
  const client = useClient();
  const [checking, setChecking] = useState(false);
  /** The removals the user is asked to confirm; saving goes ahead only for this exact rule. */
  const [pendingRemoval, setPendingRemoval] = useState<{ rule: string; preview: BackupRetentionPreview } | null>(null);

  // Every opening starts from the stored schedule, without the errors of an earlier attempt.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on opening only.
  useEffect(() => {
    if (!opened) return;
    setValues(formValuesOf(schedule));
    setFieldErrors({});
    setFormError(null);
    setPendingRemoval(null);
  }, [opened]);

  const update = (patch: Partial<ScheduleFormValues>) => {
    setPendingRemoval(null);
    setValues((current) => ({ ...current, ...patch }));
  };

  function showFailure(outcome: Exclude<MutationOutcome<unknown>, { kind: "success" }>) {
    if (outcome.kind === "failed") {
      setFormError(outcome.message);
      return;
    }
    const byName = fieldErrorsByName(outcome.fieldErrors);
    setFieldErrors(byName);
    // Errors of fields this form does not show still need to be read somewhere.
    const unplaced = Object.entries(byName).filter(([name]) => !FORM_FIELDS.includes(name));
    setFormError([outcome.message, ...unplaced.map(([, message]) => message)].join(" "));
  }

  /** Asks the server what the rule would delete now; true when saving may go ahead without asking. */
  async function removalsConfirmed(): Promise<boolean> {
    const input = toScheduleInput(environment.id, values);
    const rule = JSON.stringify(input);
    if (pendingRemoval?.rule === rule) return true;
    setChecking(true);
    const result = await client.query(BackupRetentionPreviewQuery, { input }, { requestPolicy: "network-only" }).toPromise();
    setChecking(false);
    if (result.error) {
      setFormError(errorMessage(result.error));
      return false;
    }
    const outcome = interpretMutationResult(result.data?.backupRetentionPreview, "BackupRetentionPreview", t("common.unexpectedError"));
    if (outcome.kind !== "success") {
      showFailure(outcome);
      return false;
    }
    if (outcome.payload.wouldDeleteCount === 0) return true;
    setPendingRemoval({ rule, preview: outcome.payload });
    return false;
  }

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    setFieldErrors({});
    setFormError(null);
    if (!(await removalsConfirmed())) return;
    const result = await setBackupSchedule({ input: toScheduleInput(environment.id, values) });
    if (result.error) {
      setFormError(errorMessage(result.error));
      return;
    }
    const outcome = interpretMutationResult(result.data?.setBackupSchedule, "BackupSchedulePayload", t("common.unexpectedError"));
    if (outcome.kind === "success") {
      notifications.show({ color: "green", title: t("schedule.saved"), message: environment.name });
      onSaved();
      onClose();
      return;
    }
    showFailure(outcome);
  }

  const activePreset = presetOf(values.cronExpression);

  return (
    <Modal opened={opened} onClose={onClose} title={t("schedule.modalTitle", { environment: environment.name })} size="lg">
      <form onSubmit={handleSubmit} data-testid="schedule-form">
        <Stack>
          {formError && (
            <Alert color="red" title={t("schedule.saveFailed")} data-testid="schedule-error">
              {formError}
            </Alert>
          )}
          <Switch
            label={t("schedule.enabled")}
            checked={values.enabled}
            onChange={(event) => update({ enabled: event.currentTarget.checked })}
            error={fieldErrors.enabled}
            data-testid="schedule-enabled"
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t("schedule.presets")}
            </Text>
            <Chip.Group
              multiple={false}
              value={activePreset}
              onChange={(key) => update({ cronExpression: cronPresets.find((p) => p.key === key)?.cron ?? values.cronExpression })}
            >
              <Group gap="xs">
                {cronPresets.map((preset) => (
                  <Chip key={preset.key} value={preset.key} size="sm" wrapperProps={{ "data-testid": `schedule-preset-${preset.key}` }}>
                    {t(`schedule.preset.${preset.key}`)}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
          </Stack>
          <TextInput
            label={t("schedule.cron")}
            description={t("schedule.cronHint")}
            value={values.cronExpression}
            onChange={(event) => update({ cronExpression: event.currentTarget.value })}
            error={fieldErrors.cronExpression}
            styles={{ input: { fontFamily: "monospace" } }}
            required
            data-testid="schedule-cron"
          />
          <Group grow align="flex-start">
            <NumberInput
              label={t("schedule.keepLastLabel")}
              min={1}
              max={3650}
              clampBehavior="none"
              allowDecimal={false}
              allowNegative={false}
              value={values.retentionKeepLast}
              onChange={(value) => update({ retentionKeepLast: typeof value === "number" ? value : "" })}
              error={fieldErrors.retentionKeepLast}
              data-testid="schedule-keep-last"
            />
            <NumberInput
              label={t("schedule.keepDaysLabel")}
              min={1}
              max={3650}
              clampBehavior="none"
              allowDecimal={false}
              allowNegative={false}
              value={values.retentionKeepDays}
              onChange={(value) => update({ retentionKeepDays: typeof value === "number" ? value : "" })}
              error={fieldErrors.retentionKeepDays}
              data-testid="schedule-keep-days"
            />
          </Group>
          <Switch
            label={t("schedule.includeManual")}
            description={t("schedule.includeManualHint")}
            checked={values.retentionIncludesManual}
            onChange={(event) => update({ retentionIncludesManual: event.currentTarget.checked })}
            error={fieldErrors.retentionIncludesManual}
            data-testid="schedule-include-manual"
          />
          <Text size="xs" c="dimmed">
            {t("schedule.retentionHint")}
          </Text>
          {pendingRemoval && (
            <Alert color="orange" title={t("schedule.confirmTitle")} data-testid="schedule-confirm-removal">
              <Text size="sm">{t("schedule.confirmRemoval", { count: pendingRemoval.preview.wouldDeleteCount })}</Text>
              <Text size="xs" c="dimmed">
                {pendingRemoval.preview.wouldDelete.map((set) => set.name).join(", ")}
              </Text>
            </Alert>
          )}
          <ScheduleWhen cronExpression={values.cronExpression} enabled={values.enabled} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("schedule.cancel")}
            </Button>
            <Button
              type="submit"
              loading={fetching || checking}
              color={pendingRemoval ? "orange" : undefined}
              data-testid="schedule-save"
              data-confirming={pendingRemoval ? "true" : "false"}
            >
              {pendingRemoval ? t("schedule.confirmSave", { count: pendingRemoval.preview.wouldDeleteCount }) : t("schedule.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
