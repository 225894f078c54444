import { z } from "zod";

/** What a backup.capture run keeps in its context while it works (resume point and evidence). */
export const backupCaptureContext = z.object({
  trigger: z.enum(["manual", "schedule", "pre_restore"]).default("manual"),
  name: z.string().optional(),
  backupSetId: z.string().optional(),
  types: z.array(z.string()).default([]),
  completedTypes: z.array(z.string()).default([]),
  /** How many objects the listing returned per type (minus those deleted before they were read). */
  providerTotals: z.record(z.string(), z.number()).default({}),
  /** The provider's own total per type (`@odata.count`), where it gave one: what the set must hold. */
  reportedCounts: z.record(z.string(), z.number()).default({}),
  /**
   * Per type, provider ids that GET by id answered 404: deleted while the backup ran, or (where the
   * provider gave no total) objects of the last good backup confirmed gone since.
   */
  confirmedGone: z.record(z.string(), z.array(z.string())).default({}),
  executionFinishedAt: z.string().optional(),
});

export type BackupCaptureContext = z.output<typeof backupCaptureContext>;

export interface CaptureGap {
  code: string;
  message: string;
}
