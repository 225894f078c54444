import type { Messages } from "./en";

/** Proof gaps in German; same keys as proofGapLabels.en.ts (checked by tsc and labels.test.ts). */
export const proofGapLabelsDe: Messages["labels"]["proofGap"] = {
  EXECUTION_NOT_FINISHED: {
    title: "Läuft noch",
    explanation: "Der Lauf ist noch nicht fertig, es gibt noch nichts zu beweisen.",
    next: "Warten Sie, bis der Lauf endet; dann wird der Nachweis erneut geprüft.",
  },
  PROVIDER_TOTALS_MISSING: {
    title: "Mandantensummen fehlen",
    explanation: "Der Lauf hat nicht für jeden Typ festgehalten, wie viele Objekte der Mandant hat.",
    next: "Starten Sie den Inventarabgleich erneut.",
  },
  PROVIDER_TOTAL_MISSING: {
    title: "Mandantensumme fehlt",
    explanation: "{{type}}: Für diesen Typ wurde keine Summe festgehalten.",
    next: "Starten Sie die Sicherung erneut.",
  },
  INVENTORY_COUNT_MISMATCH: {
    title: "Anzahl stimmt nicht",
    explanation: "{{type}}: Der Mandant listete {{expected}} Objekte, das Inventar enthält {{observed}} aus diesem Lauf.",
    next: "Starten Sie den Inventarabgleich erneut.",
  },
  PROVIDER_COUNT_NOT_MET: {
    title: "Weniger Objekte als der Mandant meldet",
    explanation: "{{type}}: Der Mandant meldet {{reported}} Objekte, dieser Lauf erhielt {{observed}}.",
    next: "Erneut starten; wiederholt es sich, Drosselung und Berechtigungen des Mandanten prüfen.",
  },
  PREVIOUS_OBJECTS_UNCONFIRMED: {
    title: "Bekannte Objekte nicht bestätigt",
    explanation: "{{type}}: {{count}} bekannte Objekte fehlten in der Liste und sind nicht als gelöscht bestätigt.",
    next: "Erneut starten, um sie zu sehen oder ihre Löschung zu bestätigen.",
  },
  SETTINGS_COUNT_NOT_MET: {
    title: "Einstellungen fehlen",
    explanation: "{{type}} „{{name}}“: {{stored}} von {{reported}} Einstellungen sind gespeichert.",
    next: "Starten Sie die Sicherung erneut.",
  },
  BACKUP_SET_MISSING: {
    title: "Sicherung fehlt",
    explanation: "Der Lauf hat keine Sicherung seiner eigenen Umgebung.",
    next: "Starten Sie eine neue Sicherung.",
  },
  BACKUP_SET_NOT_SEALED: {
    title: "Sicherung nicht abgeschlossen",
    explanation: "Die Sicherung wurde nicht abgeschlossen.",
    next: "Starten Sie eine neue Sicherung.",
  },
  TYPE_INCOMPLETE: {
    title: "Typ unvollständig",
    explanation: "{{type}}: {{captured}} von {{expected}} Objekten erfasst.",
    next: "Starten Sie die Sicherung erneut.",
  },
  VERSION_MISSING: {
    title: "Version fehlt",
    explanation: "Mit dem Lauf ist keine erfasste Version des Objekts verknüpft.",
    next: "Erfassen Sie das Objekt erneut.",
  },
  RESTORE_RUN_MISSING: {
    title: "Wiederherstellung fehlt",
    explanation: "Die zugehörige Wiederherstellung ist gelöscht oder außerhalb Ihres Bereichs.",
    next: "Planen Sie die Wiederherstellung neu.",
  },
  PREVIEW_SUPERSEDED: {
    title: "Vorschau veraltet",
    explanation: "Der Umfang wurde nach dem Start dieser Vorschau geändert.",
    next: "Starten Sie die Vorschau erneut.",
  },
  PREVIEW_INCOMPLETE: {
    title: "Vorschau unvollständig",
    explanation: "Nicht jedes Element des Umfangs hat eine Vorschau.",
    next: "Starten Sie die Vorschau erneut.",
  },
  SCOPE_MISMATCH: {
    title: "Bereich passt nicht",
    explanation: "Die Wiederherstellung gehört zu einem anderen Arbeitsbereich, einer anderen Umgebung oder einem anderen Lauf.",
    next: "Wenden Sie sich an den Support; verlassen Sie sich nicht auf diesen Lauf.",
  },
  DRY_RUN_ONLY: {
    title: "Probelauf",
    explanation: "Dies war ein Probelauf: Nichts wurde geschrieben, also ist nichts wiederhergestellt.",
    next: "Starten Sie eine echte Wiederherstellung aus demselben Plan.",
  },
  NOT_TERMINAL: {
    title: "Wiederherstellung nicht beendet",
    explanation: "Die Wiederherstellung hat noch keinen Endzustand erreicht.",
    next: "Warten Sie, bis die Wiederherstellung endet.",
  },
  ITEMS_NOT_ALL_APPLIED: {
    title: "Nicht alle Elemente angewendet",
    explanation: "Einige Elemente der Wiederherstellung wurden nicht geschrieben.",
    next: "Öffnen Sie die nicht angewendeten Elemente.",
  },
  TARGET_COLLISION: {
    title: "Zwei Elemente, ein Ziel",
    explanation: "Zwei Elemente des Umfangs treffen dasselbe Objekt im Ziel.",
    next: "Entfernen Sie eines davon aus dem Umfang.",
  },
  PROVIDER_ACCEPTANCE_MISSING: {
    title: "Schreiben nicht bestätigt",
    explanation: "Der Mandant hat nicht für jeden Schreibvorgang eine ID oder Version zurückgegeben.",
    next: "Nachweis erneut prüfen; bleibt es, die Elemente erneut wiederherstellen.",
  },
  VERIFICATION_MISSING: {
    title: "Nicht überprüft",
    explanation: "Die wiederhergestellten Objekte wurden nicht zurückgelesen.",
    next: "Prüfen Sie den Nachweis erneut.",
  },
  VERIFICATION_INCOMPLETE: {
    title: "Überprüfung unvollständig",
    explanation: "Nicht jedes wiederhergestellte Objekt wurde zurückgelesen.",
    next: "Prüfen Sie den Nachweis erneut.",
  },
  VERIFICATION_MISMATCH: {
    title: "Weicht von der Sicherung ab",
    explanation: "Ein wiederhergestelltes Objekt unterscheidet sich beim Zurücklesen von der Sicherung.",
    next: "Vergleichen Sie das Objekt mit der Sicherung.",
  },
  AUDIT_ACTOR_MISSING: {
    title: "Bestätigende Person nicht protokolliert",
    explanation: "Das Audit-Ereignis nennt nicht, wer die Wiederherstellung bestätigt hat.",
    next: "Wenden Sie sich an den Support.",
  },
  AUDIT_MISSING: {
    title: "Audit fehlt",
    explanation: "Kein Audit-Ereignis hält diese Wiederherstellung und ihre Bestätigung fest.",
    next: "Wenden Sie sich an den Support.",
  },
  FINGERPRINT_MISSING: {
    title: "Fingerabdruck fehlt",
    explanation: "Der Lauf hat keinen Fingerabdruck und keine Prüfung festgehalten.",
    next: "Erstellen Sie die Prüfung erneut.",
  },
  REVIEW_OTHER_SCOPE: {
    title: "Prüfung eines anderen Bereichs",
    explanation: "Eine Prüfung mit diesem Fingerabdruck gehört zu einem anderen Arbeitsbereich oder einer anderen Umgebung.",
    next: "Wenden Sie sich an den Support; verlassen Sie sich nicht auf diese Prüfung.",
  },
  REVIEW_AMBIGUOUS: {
    title: "Mehrere Prüfungen passen",
    explanation: "Mehr als eine fertige oder veröffentlichte Prüfung trägt diesen Fingerabdruck.",
    next: "Archivieren Sie die Duplikate, dann den Nachweis erneut prüfen.",
  },
  REVIEW_NOT_READY: {
    title: "Prüfung nicht fertig",
    explanation: "Keine fertige oder veröffentlichte Prüfung dieser Umgebung trägt den Fingerabdruck des Laufs.",
    next: "Erstellen Sie die Prüfung erneut.",
  },
  DRIFT_TYPE_NOT_CHECKED: {
    title: "Typ nicht geprüft",
    explanation: "Die Abweichungsprüfung hat nicht jedes Objekt dieses Typs gelesen.",
    next: "Führen Sie die Abweichungsprüfung erneut aus.",
  },
  REVIEW_NOT_THE_RUNS: {
    title: "Andere Prüfung",
    explanation: "Die Prüfung mit dem Fingerabdruck des Laufs ist nicht die Prüfung, die der Lauf nennt.",
    next: "Erstellen Sie die Prüfung erneut.",
  },
  SETTINGS_INCOMPLETE: {
    title: "Einstellungen unvollständig",
    explanation: "„{{name}}“: Nicht alle Einstellungen wurden gelesen.",
    next: "Erneut starten.",
  },
  SUBRESOURCE_INCOMPLETE: {
    title: "Details unvollständig",
    explanation: "„{{name}}“: Ein Teil der Objektdetails konnte nicht gelesen werden.",
    next: "Erneut starten.",
  },
  ASSIGNMENTS_INCOMPLETE: {
    title: "Zuweisungen unvollständig",
    explanation: "„{{name}}“: Die Zuweisungen konnten nicht vollständig gelesen werden.",
    next: "Erneut starten.",
  },
  EXPANSION_MISSING: {
    title: "Details fehlen",
    explanation: "„{{name}}“: Der Mandant lieferte das Objekt ohne seine Details.",
    next: "Erneut starten.",
  },
  CONTENT_MISSING: {
    title: "Inhalt fehlt",
    explanation: "„{{name}}“: Der Skriptinhalt fehlt oder ist leer.",
    next: "Erneut starten; das Skript im Mandanten prüfen.",
  },
};
