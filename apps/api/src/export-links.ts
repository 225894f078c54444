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

/** The export formats of an environment review, by file extension. */
export const REVIEW_EXPORT_FORMATS = ["html", "pdf"] as const;
export type ReviewExportFormatValue = (typeof REVIEW_EXPORT_FORMATS)[number];

export const REVIEW_EXPORT_PREFIX = "/exports/environment-reviews/";

const REVIEW_EXPORT_FILE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.(html|pdf)$/;

/** A relative, signed, short-lived link to a review's document: a bearer credential like the backup export links. */
export function reviewExportUrl(box: SecretBox, reviewId: string, format: ReviewExportFormatValue): string {
  return signDownloadPath(box, `${REVIEW_EXPORT_PREFIX}${reviewId}.${format}`);
}

export function parseReviewExportFile(file: string): { reviewId: string; format: ReviewExportFormatValue } | undefined {
  const match = REVIEW_EXPORT_FILE.exec(file);
  return match ? { reviewId: match[1]!, format: match[2] as ReviewExportFormatValue } : undefined;
}
