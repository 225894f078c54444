/** What a backup.capture run keeps in its context while it works (resume point and evidence). */
export interface BackupCaptureContext {
  trigger: "manual" | "schedule" | "pre_restore";
  name?: string;
  backupSetId?: string;
  types: string[];
  completedTypes: string[];
  /** How many objects the provider listed per type: the totals the adapter proves against. */
  providerTotals: Record<string, number>;
  executionFinishedAt?: string;
}

export function readCaptureContext(context: unknown): BackupCaptureContext {
  const value = (context ?? {}) as Partial<BackupCaptureContext>;
  return {
    trigger: value.trigger ?? "manual",
    name: value.name,
    backupSetId: value.backupSetId,
    types: value.types ?? [],
    completedTypes: value.completedTypes ?? [],
    providerTotals: value.providerTotals ?? {},
    executionFinishedAt: value.executionFinishedAt,
  };
}

export interface CaptureGap {
  code: string;
  message: string;
}
