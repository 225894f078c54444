import { backupCaptureAdapter, policySnapshotAdapter } from "../backup/backup-capture-adapter.ts";
import { driftCheckAdapter } from "../drift/drift-check-adapter.ts";
import { restoreExecuteAdapter } from "../restore/restore-execute-adapter.ts";
import { restorePreviewAdapter } from "../restore/restore-preview-adapter.ts";
import { environmentReviewComposeAdapter } from "../reviews/review-compose-adapter.ts";
import { inventorySyncAdapter } from "./inventory-sync-adapter.ts";
import type { ReconciliationAdapter } from "./types.ts";

/** Every operation type with a proof lives here; anything else is reported UNSUPPORTED. */
export const reconciliationAdapters: ReconciliationAdapter[] = [
  inventorySyncAdapter,
  backupCaptureAdapter,
  policySnapshotAdapter,
  restorePreviewAdapter,
  restoreExecuteAdapter,
  environmentReviewComposeAdapter,
  driftCheckAdapter,
];

export function adapterFor(type: string): ReconciliationAdapter | undefined {
  return reconciliationAdapters.find((adapter) => adapter.supports(type));
}
