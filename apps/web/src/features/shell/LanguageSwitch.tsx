import { SegmentedControl } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { supportedLanguages } from "../../i18n";

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  // i18next stores the choice itself (see i18n/index.ts), so switching is all that happens here.
  return (
    <SegmentedControl
      size="xs"
      aria-label={t("shell.language")}
      data-testid="language-switch"
      value={i18n.resolvedLanguage ?? "en"}
      onChange={(language) => void i18n.changeLanguage(language)}
      data={supportedLanguages.map((language) => ({ value: language, label: t(`languages.${language}`) }))}
    />
  );
}
