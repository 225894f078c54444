import type { consoleEn } from "./console.en";

/** German copy of the run console additions (merged into de.ts under `console`). */
export const consoleDe: typeof consoleEn = {
  startedBy: {
    system: "Zeitplan oder System",
    deletedUser: "Ein entfernter Benutzer",
    deletedToken: "Ein widerrufenes API-Token",
    token: "{{name}} (API-Token)",
  },
  rerun: {
    action: "Erneut ausführen",
    hint: "Startet denselben Vorgang mit demselben Umfang.",
    started: "Erneut gestartet",
    joined: "Derselbe Vorgang läuft bereits: Sie sehen diesen Lauf",
    failed: "Der Lauf konnte nicht erneut gestartet werden",
  },
  compare: {
    title: "Sicherungen vergleichen",
    left: "Erste Sicherung",
    right: "Zweite Sicherung",
    same: "Wählen Sie zwei verschiedene Sicherungen.",
    fromTo: "Von {{earlier}} bis {{later}}",
    noChanges: "Zwischen diesen Sicherungen hat sich keine Richtlinie geändert.",
  },
  dashboard: {
    title: "Übersicht",
    lastSync: "Letzte Inventarsynchronisierung",
    lastBackup: "Letzte Sicherung",
    openProofGaps: "Offene Nachweislücken",
    lastRestore: "Letzte Wiederherstellung",
    never: "Noch keine",
    complete: "Vollständig",
    incomplete: "Unvollständig",
    capturing: "Wird erfasst",
    proven: "Wiederherstellung nachgewiesen",
    notProven: "Nicht nachgewiesen",
    dryRun: "Testlauf",
    gapRuns_one: "{{count}} Lauf mit Nachweislücken",
    gapRuns_other: "{{count}} Läufe mit Nachweislücken",
    noGaps: "Kein Lauf mit Nachweislücken",
    showGapRuns: "Anzeigen",
    noEnvironment: "Wählen Sie eine Umgebung, um ihre Übersicht zu sehen.",
  },
};
