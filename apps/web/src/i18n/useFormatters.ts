import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { formatAbsolute, formatDate, formatDuration, formatRelative, formatWeekdayTime } from "./time";

/**
 * Locale-aware formatting that follows the selected UI language, not the browser's; the time zone is
 * the browser's. Times on screen use `<Time>` (relative, absolute on hover); these are for sentences.
 */
export function useFormatters() {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "en";
  return useMemo(() => {
    const number = new Intl.NumberFormat(language);
    const megabytes = new Intl.NumberFormat(language, { style: "unit", unit: "megabyte", maximumFractionDigits: 1 });
    return {
      language,
      /** The full moment with the zone's name, e.g. for a title or a sentence. */
      absolute: (iso: string | null | undefined) => (iso ? formatAbsolute(iso, language) : "—"),
      /** A calendar date, e.g. for the bounds of a review period. */
      date: (iso: string | null | undefined) => (iso ? formatDate(iso, language) : "—"),
      relative: (iso: string, now: number) => formatRelative(iso, now, language),
      /** An upcoming moment by weekday and time, e.g. a schedule's next runs. */
      weekdayTime: (iso: string) => formatWeekdayTime(iso, language),
      duration: (milliseconds: number) => formatDuration(milliseconds, language),
      number: (value: number) => number.format(value),
      /** A size in megabytes (2^20 bytes), e.g. files chosen for an import. */
      bytes: (value: number) => megabytes.format(value / (1024 * 1024)),
    };
  }, [language]);
}
