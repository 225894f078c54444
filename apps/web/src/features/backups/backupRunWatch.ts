/**
 * The backups list refreshes when a backup.capture run moves (queued → running → completed, or its
 * outcome or proof changes), not on every progress tick: a set's item count and completeness are
 * final only when its run completes.
 */
export interface WatchedRun {
  id: string;
  type: string;
  status: string;
  outcome: string;
  proofGaps: unknown[];
}

export const BACKUP_RUN_TYPE = "backup.capture";

export function backupRunKey(run: WatchedRun): string {
  return [run.status, run.outcome, String(run.proofGaps.length)].join("|");
}

/** Records the run's state in `seen` and returns whether the list should refetch for it. */
export function shouldRefreshBackups(seen: Map<string, string>, run: WatchedRun): boolean {
  if (run.type !== BACKUP_RUN_TYPE) return false;
  const key = backupRunKey(run);
  if (seen.get(run.id) === key) return false;
  seen.set(run.id, key);
  return true;
}
