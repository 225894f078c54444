import type { FieldError } from "../../graphql/mutationResult";
import type { SetBackupScheduleInput } from "../../graphql/generated/graphql";
import type { BackupSchedule } from "./scheduleDocuments";

/** Common schedules (five cron fields, UTC). */
export const cronPresets = [
  { key: "daily", cron: "0 2 * * *" },
  { key: "sixHours", cron: "0 */6 * * *" },
  { key: "weekly", cron: "0 3 * * 0" },
] as const;
export type CronPresetKey = (typeof cronPresets)[number]["key"];

export function presetOf(cronExpression: string): CronPresetKey | null {
  const normalized = cronExpression.trim().split(/\s+/).join(" ");
  return cronPresets.find((preset) => preset.cron === normalized)?.key ?? null;
}

export interface ScheduleFormValues {
  enabled: boolean;
  cronExpression: string;
  /** Empty means "no rule" (NumberInput yields "" when cleared). */
  retentionKeepLast: number | "";
  retentionKeepDays: number | "";
  retentionIncludesManual: boolean;
}

export const defaultScheduleValues: ScheduleFormValues = {
  enabled: true,
  cronExpression: cronPresets[0].cron,
  retentionKeepLast: "",
  retentionKeepDays: "",
  retentionIncludesManual: false,
};

export function formValuesOf(schedule: BackupSchedule | null): ScheduleFormValues {
  if (!schedule) return defaultScheduleValues;
  return {
    enabled: schedule.enabled,
    cronExpression: schedule.cronExpression,
    retentionKeepLast: schedule.retentionKeepLast ?? "",
    retentionKeepDays: schedule.retentionKeepDays ?? "",
    retentionIncludesManual: schedule.retentionIncludesManual,
  };
}

export function toScheduleInput(environmentId: string, values: ScheduleFormValues): SetBackupScheduleInput {
  return {
    environmentId,
    enabled: values.enabled,
    cronExpression: values.cronExpression.trim(),
    retentionKeepLast: values.retentionKeepLast === "" ? null : values.retentionKeepLast,
    retentionKeepDays: values.retentionKeepDays === "" ? null : values.retentionKeepDays,
    retentionIncludesManual: values.retentionIncludesManual,
  };
}

/** Field errors keyed by the input field they belong to (the last segment of their path). */
export function fieldErrorsByName(fieldErrors: FieldError[]): Record<string, string> {
  const byName: Record<string, string> = {};
  for (const fieldError of fieldErrors) {
    const name = fieldError.path[fieldError.path.length - 1] ?? "";
    byName[name] = byName[name] ? `${byName[name]} ${fieldError.message}` : fieldError.message;
  }
  return byName;
}
