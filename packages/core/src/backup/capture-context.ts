import { z } from "zod";

/** What a backup.capture run keeps in its context while it works (resume point and evidence). */
export const backupCaptureContext = z.object({
  trigger: z.enum(["manual", "schedule", "pre_restore"]).default("manual"),
  name: z.string().optional(),
  backupSetId: z.string().optional(),
  types: z.array(z.string()).default([]),
  completedTypes: z.array(z.string()).default([]),
  /** How many objects the provider listed per type: the totals the adapter proves against. */
  providerTotals: z.record(z.string(), z.number()).default({}),
  executionFinishedAt: z.string().optional(),
});

export type BackupCaptureContext = z.output<typeof backupCaptureContext>;

export interface CaptureGap {
  code: string;
  message: string;
}
