import { Cron } from "croner";
import cronstrue from "cronstrue/i18n";

/**
 * The SPA's one family of time formats: relative for recent moments ("3 min ago", "in 2 hr"), the
 * date for older ones, and one absolute form (the user's locale and time zone, with the zone's name)
 * for hover and focus. Durations and cron schedules live here too, so no page invents its own.
 */

/** Older than this a relative time stops helping ("23 days ago"): the date reads better. */
const RELATIVE_LIMIT_MS = 7 * 24 * 3600 * 1000;

const steps: [Intl.RelativeTimeFormatUnit, number][] = [
  ["second", 60],
  ["minute", 60],
  ["hour", 24],
  ["day", 7],
];

/** "3 min ago", "in 2 hr", "now"; the date (no time) beyond a week either way. */
export function formatRelative(iso: string, now: number, language: string): string {
  const difference = new Date(iso).getTime() - now;
  if (Math.abs(difference) >= RELATIVE_LIMIT_MS) return formatDate(iso, language);
  const relative = new Intl.RelativeTimeFormat(language, { numeric: "auto", style: "short" });
  let value = difference / 1000;
  for (const [unit, size] of steps) {
    if (Math.abs(value) < size || unit === "day") return relative.format(Math.trunc(value), unit);
    value /= size;
  }
  return formatDate(iso, language);
}

/** The full moment in the user's locale and time zone, with the zone's name: "Dec 2, 2026, 03:21:42 UTC". */
export function formatAbsolute(iso: string, language: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(language, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    timeZoneName: "short",
    timeZone,
  }).format(new Date(iso));
}

/** A moment of the coming days, short: "Thu, Dec 3, 03:00" / "Do., 3. Dez., 03:00" (upcoming schedule runs). */
export function formatWeekdayTime(iso: string, language: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(language, {
    weekday: "short",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
  }).format(new Date(iso));
}

/** A calendar date in the user's locale: "Dec 2, 2026" / "02.12.2026". */
export function formatDate(iso: string, language: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: "medium", timeZone }).format(new Date(iso));
}

/**
 * A run's length in the user's language, to the second ("1 hr 5 min", "3 min 20 sec", "12 sec");
 * under ten seconds with one decimal, so a quick dry run does not read as "0 sec".
 */
export function formatDuration(milliseconds: number, language: string): string {
  const unit = (value: number, name: "hour" | "minute" | "second", fractionDigits = 0) =>
    new Intl.NumberFormat(language, { style: "unit", unit: name, unitDisplay: "short", maximumFractionDigits: fractionDigits }).format(
      value,
    );
  const safe = Math.max(0, milliseconds);
  if (safe < 10_000) return unit(Math.round(safe / 100) / 10, "second", 1);
  const totalSeconds = Math.round(safe / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return `${unit(hours, "hour")} ${unit(minutes, "minute")}`;
  if (minutes > 0) return `${unit(minutes, "minute")} ${unit(seconds, "second")}`;
  return unit(seconds, "second");
}

/**
 * How long a run took from being queued to finishing; while it is active, how long it has taken so
 * far (against `now`). Null for a finished run without a finish time.
 */
export function runDuration(run: { createdAt: string; completedAt?: string | null }, active: boolean, now: number): number | null {
  const start = new Date(run.createdAt).getTime();
  if (run.completedAt) return Math.max(0, new Date(run.completedAt).getTime() - start);
  // The server's clock stamps the run, the browser's counts: a run created after the browser's last
  // tick, or a browser clock behind the server's, would otherwise show a negative time.
  return active ? Math.max(0, now - start) : null;
}

/** The time zone the browser runs in; schedules and absolute times are shown in it. */
export function userTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/** Minutes the zone is ahead of UTC at a moment (negative west of Greenwich). */
function zoneOffsetMinutes(timeZone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(at);
  const part = (type: string) => Number(parts.find((entry) => entry.type === type)?.value ?? 0);
  const asUtc = Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"));
  return Math.round((asUtc - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

export interface ScheduleDescription {
  /** The schedule in words, in the user's language and `timeZone`: "At 03:00, Monday through Friday". */
  words: string;
  /** The zone the words are in: the user's, or UTC for an expression that does not translate (steps, lists of minutes). */
  timeZone: string;
  /** The next runs (ISO), soonest first. */
  nextRuns: string[];
}

const DIGITS = /^\d+$/;

/** Day-of-week values of a field made of numbers, ranges and lists ("1-5", "0,6"); null for anything else. */
function daysOf(field: string): number[] | null {
  const days = new Set<number>();
  for (const part of field.split(",")) {
    const [from, to] = part.split("-");
    if (!from || !DIGITS.test(from) || (to !== undefined && !DIGITS.test(to))) return null;
    for (let day = Number(from); day <= Number(to ?? from); day++) days.add(day % 7);
  }
  return [...days].sort((a, b) => a - b);
}

/** Consecutive days as ranges again, so "2,3,4,5,6" reads "Tuesday through Saturday". */
function daysField(days: number[]): string {
  const parts: string[] = [];
  for (let index = 0; index < days.length; ) {
    let end = index;
    while (end + 1 < days.length && days[end + 1] === (days[end] as number) + 1) end++;
    parts.push(end > index ? `${days[index]}-${days[end]}` : `${days[index]}`);
    index = end + 1;
  }
  return parts.join(",");
}

/**
 * The UTC expression moved into a zone `offsetMinutes` ahead of UTC, for describing it in words; null
 * when the move cannot be said as a cron (steps or ranges of hours, days of the month across midnight).
 */
export function shiftCron(cronExpression: string, offsetMinutes: number): string | null {
  const [minute, hour, dayOfMonth, month, dayOfWeek] = cronExpression.trim().split(/\s+/);
  if (!minute || !hour || !dayOfMonth || !month || !dayOfWeek) return null;
  if (offsetMinutes === 0) return cronExpression;
  if (!DIGITS.test(minute)) return hour === "*" && offsetMinutes % 60 === 0 ? cronExpression : null;
  const hours = hour === "*" ? null : hour.split(",");
  if (hours === null) return offsetMinutes % 60 === 0 ? cronExpression : null;
  if (!hours.every((value) => DIGITS.test(value))) return null;
  const moved = hours.map((value) => Number(value) * 60 + Number(minute) + offsetMinutes);
  const dayShifts = new Set(moved.map((total) => Math.floor(total / 1440)));
  const minutes = new Set(moved.map((total) => ((total % 60) + 60) % 60));
  if (dayShifts.size !== 1 || minutes.size !== 1) return null;
  const dayShift = [...dayShifts][0] as number;
  let days = dayOfWeek;
  if (dayShift !== 0) {
    if (dayOfMonth !== "*" || month !== "*") return null;
    if (dayOfWeek !== "*") {
      const parsed = daysOf(dayOfWeek);
      if (!parsed) return null;
      days = daysField([...new Set(parsed.map((day) => (((day + dayShift) % 7) + 7) % 7))].sort((a, b) => a - b));
    }
  }
  const newHours = [...new Set(moved.map((total) => Math.floor((((total % 1440) + 1440) % 1440) / 60)))].sort((a, b) => a - b);
  return `${[...minutes][0]} ${newHours.join(",")} ${dayOfMonth} ${month} ${days}`;
}

/**
 * A five-field cron in UTC described for the user: words in their language and time zone (at the
 * zone's offset on the next run, so daylight saving is right for the upcoming runs), and the next
 * `count` runs. Null for an expression the server would refuse.
 */
export function describeSchedule(
  cronExpression: string,
  language: string,
  options: { timeZone?: string; now?: Date; count?: number } = {},
): ScheduleDescription | null {
  const zone = options.timeZone ?? userTimeZone();
  try {
    const runs = new Cron(cronExpression, { timezone: "UTC", paused: true }).nextRuns(options.count ?? 3, options.now ?? new Date());
    const shifted = shiftCron(cronExpression, zoneOffsetMinutes(zone, runs[0] ?? options.now ?? new Date()));
    const words = cronstrue.toString(shifted ?? cronExpression, { locale: language, use24HourTimeFormat: true, verbose: false });
    return { words, timeZone: shifted ? zone : "UTC", nextRuns: runs.map((run) => run.toISOString()) };
  } catch {
    return null;
  }
}
