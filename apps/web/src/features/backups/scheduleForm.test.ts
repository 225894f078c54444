import { describe, expect, it } from "vitest";
import { fieldErrorsByName, formValuesOf, presetOf, toScheduleInput } from "./scheduleForm";

describe("schedule form", () => {
  it("recognises presets regardless of spacing", () => {
    expect(presetOf("0  2 * * *")).toBe("daily");
    expect(presetOf("0 */6 * * *")).toBe("sixHours");
    expect(presetOf("0 3 * * 0")).toBe("weekly");
    expect(presetOf("15 4 * * 1-5")).toBeNull();
  });

  it("round-trips a schedule and sends empty retention as null", () => {
    const values = formValuesOf({
      __typename: "BackupSchedule",
      enabled: false,
      cronExpression: "0 3 * * 0",
      nextRunAt: null,
      lastRunAt: null,
      retentionKeepLast: 7,
      retentionKeepDays: null,
      retentionIncludesManual: true,
    });
    expect(toScheduleInput("env-1", { ...values, cronExpression: " 0 3 * * 0 " })).toEqual({
      environmentId: "env-1",
      enabled: false,
      cronExpression: "0 3 * * 0",
      retentionKeepLast: 7,
      retentionKeepDays: null,
      retentionIncludesManual: true,
    });
  });

  it("sends a zero retention as zero, for the server to refuse, never as a coerced 1", () => {
    const values = { ...formValuesOf(null), retentionKeepLast: 0 as const };
    expect(toScheduleInput("env-1", values).retentionKeepLast).toBe(0);
  });

  it("maps field errors to the field named last in their path", () => {
    expect(
      fieldErrorsByName([
        { __typename: "FieldError", path: ["input", "cronExpression"], message: "Use five cron fields." },
        { __typename: "FieldError", path: ["input", "retentionKeepDays"], message: "Use a whole number." },
      ]),
    ).toEqual({ cronExpression: "Use five cron fields.", retentionKeepDays: "Use a whole number." });
  });
});
