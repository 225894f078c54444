import { useMemo } from "react";
import { useTranslation } from "react-i18next";

/** Locale-aware formatting that follows the selected UI language, not the browser's. */
export function useFormatters() {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "en";
  return useMemo(() => {
    const dateTime = new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "medium" });
    const shortDateTime = new Intl.DateTimeFormat(language, { dateStyle: "short", timeStyle: "short" });
    const number = new Intl.NumberFormat(language);
    return {
      dateTime: (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : "—"),
      /** For table cells, where the full form wraps over several lines. */
      shortDateTime: (iso: string | null | undefined) => (iso ? shortDateTime.format(new Date(iso)) : "—"),
      number: (value: number) => number.format(value),
    };
  }, [language]);
}
