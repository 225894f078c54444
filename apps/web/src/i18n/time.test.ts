import { describe, expect, it } from "vitest";
import { describeSchedule, formatAbsolute, formatDuration, formatRelative, formatWeekdayTime, runDuration } from "./time";

const now = Date.parse("2026-12-02T12:00:00Z");

describe("the SPA's time formats", () => {
  it("says how long ago a recent moment was, in the user's language", () => {
    expect(formatRelative("2026-12-02T11:57:00Z", now, "en")).toBe("3 min. ago");
    expect(formatRelative("2026-12-02T11:57:00Z", now, "de")).toBe("vor 3 Min.");
    expect(formatRelative("2026-12-02T09:00:00Z", now, "en")).toBe("3 hr. ago");
    expect(formatRelative("2026-12-02T14:00:00Z", now, "en")).toBe("in 2 hr.");
    expect(formatRelative("2026-11-30T12:00:00Z", now, "de")).toBe("vorgestern");
  });

  it("shows the date instead of a relative time beyond a week", () => {
    expect(formatRelative("2026-11-01T12:00:00Z", now, "en")).toBe("Nov 1, 2026");
    expect(formatRelative("2026-11-01T12:00:00Z", now, "de")).toBe("01.11.2026");
  });

  it("gives the absolute moment in the user's time zone with its name", () => {
    expect(formatAbsolute("2026-12-02T11:57:05Z", "en", "UTC")).toBe("Dec 2, 2026, 11:57:05 AM UTC");
    expect(formatAbsolute("2026-12-02T11:57:05Z", "de", "Europe/Berlin")).toBe("2. Dez. 2026, 12:57:05 MEZ");
  });

  it("measures a run from queued to finished, and live while it runs", () => {
    const queued = { createdAt: "2026-12-02T11:58:00Z", completedAt: null };
    expect(runDuration(queued, true, now)).toBe(120_000);
    expect(runDuration({ ...queued, completedAt: "2026-12-02T11:58:42Z" }, false, now)).toBe(42_000);
    // A browser clock behind the server's never shows a negative time.
    expect(runDuration(queued, true, new Date(queued.createdAt).getTime() - 334)).toBe(0);
    expect(runDuration(queued, false, now)).toBeNull();
    expect(formatDuration(200_000, "en")).toBe("3 min 20 sec");
    expect(formatDuration(200_000, "de")).toBe("3 Min. 20 Sek.");
    expect(formatDuration(1_240, "de")).toBe("1,2 Sek.");
  });

  it("describes a UTC cron in words in the user's time zone, with the next three runs", () => {
    const berlin = describeSchedule("0 2 * * *", "en", { timeZone: "Europe/Berlin", now: new Date(now) });
    expect(berlin?.words).toBe("At 03:00");
    expect(berlin?.nextRuns).toEqual(["2026-12-03T02:00:00.000Z", "2026-12-04T02:00:00.000Z", "2026-12-05T02:00:00.000Z"]);
    expect(describeSchedule("30 22 * * 1-5", "de", { timeZone: "UTC", now: new Date(now) })?.words).toBe("Um 22:30, Montag bis Freitag");
    expect(describeSchedule("not a cron", "en")).toBeNull();
  });

  it("names an upcoming run by weekday and time in the user's zone", () => {
    expect(formatWeekdayTime("2026-12-03T02:00:00Z", "en", "Europe/Berlin")).toBe("Thu, Dec 3, 03:00");
    expect(formatWeekdayTime("2026-12-03T02:00:00Z", "de", "Europe/Berlin")).toBe("Do., 3. Dez., 03:00");
  });

  it("moves days of the week with a time that crosses midnight, and stays in UTC when the move is not a cron", () => {
    expect(describeSchedule("30 23 * * 1-5", "en", { timeZone: "Europe/Berlin", now: new Date(now) })?.words).toBe(
      "At 00:30, Tuesday through Saturday",
    );
    const steps = describeSchedule("0 */6 * * *", "en", { timeZone: "Europe/Berlin", now: new Date(now) });
    expect(steps).toMatchObject({ timeZone: "UTC", words: "On the hour, every 6 hours" });
    expect(describeSchedule("0 * * * *", "en", { timeZone: "Asia/Kolkata", now: new Date(now) })?.timeZone).toBe("UTC");
  });
});
