import { type SecretBox, signDownloadPath } from "@atlas/core";

/** The export formats of a backup set, by file extension. */
export const EXPORT_FORMATS = ["md", "html"] as const;
export type ExportFormatValue = (typeof EXPORT_FORMATS)[number];

export const BACKUP_SET_EXPORT_PREFIX = "/exports/backup-sets/";

const EXPORT_FILE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.(md|html)$/;

/**
 * A relative, signed, short-lived link to a backup set's export. It is a bearer credential: whoever
 * holds it may download the export until it expires, so it must never be logged.
 */
export function backupSetExportUrl(box: SecretBox, backupSetId: string, format: ExportFormatValue): string {
  return signDownloadPath(box, `${BACKUP_SET_EXPORT_PREFIX}${backupSetId}.${format}`);
}

/** `{ backupSetId, format }` of an export file name such as `<uuid>.md`; undefined for anything else. */
export function parseExportFile(file: string): { backupSetId: string; format: ExportFormatValue } | undefined {
  const match = EXPORT_FILE.exec(file);
  return match ? { backupSetId: match[1]!, format: match[2] as ExportFormatValue } : undefined;
}
