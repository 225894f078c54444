import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { readStored, storageKeys, writeStored } from "../session/storage";
import { de } from "./de";
import { en } from "./en";

export const supportedLanguages = ["en", "de"] as const;
export type SupportedLanguage = (typeof supportedLanguages)[number];

declare module "i18next" {
  // Typed keys: t('missing.key') fails typecheck instead of rendering the raw key.
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof en };
  }
}

function isSupported(language: string | null | undefined): language is SupportedLanguage {
  return supportedLanguages.includes(language as SupportedLanguage);
}

/** The stored choice wins; otherwise the browser's preferred language if we have it; else English. */
function initialLanguage(): SupportedLanguage {
  const stored = readStored(storageKeys.language);
  if (isSupported(stored)) return stored;
  const browser = navigator.language?.slice(0, 2);
  return isSupported(browser) ? browser : "en";
}

export async function initI18n(): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, de: { translation: de } },
    lng: initialLanguage(),
    fallbackLng: "en",
    supportedLngs: [...supportedLanguages],
    // React escapes output already.
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = i18next.language;
  i18next.on("languageChanged", (language) => {
    writeStored(storageKeys.language, language);
    document.documentElement.lang = language;
  });
}
