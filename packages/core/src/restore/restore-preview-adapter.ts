import type { Db, OperationRun } from "@atlas/db";
import { readRunContext } from "../operations/run-context.ts";
import { type AdapterVerdict, type ReconciliationAdapter, executionNotFinished } from "../reconciliation/types.ts";

/** A preview is proven when its restore run holds checks and a preview action for every item. */
export const restorePreviewAdapter: ReconciliationAdapter = {
  name: "restorePreviewAdapter",
  version: "1",
  supports: (type) => type === "restore.preview",
  deadlineOutcome: "failed",
  async reconcile(db: Db, run: OperationRun): Promise<AdapterVerdict> {
    const context = readRunContext("restore.preview", run.context);
    if (!context.executionFinishedAt) return executionNotFinished("The preview is still running.");
    const restore = context.restoreRunId ? await db.restoreRun.findUnique({ where: { id: context.restoreRunId } }) : null;
    if (!restore || restore.deletedAt || restore.managedEnvironmentId !== run.managedEnvironmentId) {
      return {
        decision: "reconciled",
        outcome: "failed",
        reasonCode: "restore_run_missing",
        proofGaps: [{ code: "RESTORE_RUN_MISSING", message: "The restore run of this preview is gone or out of scope." }],
        evidence: [],
      };
    }
    const items = await db.restoreItem.count({ where: { restoreRunId: restore.id } });
    const previewed = await db.restoreItem.count({ where: { restoreRunId: restore.id, previewAction: { not: null } } });
    const evidence = [{ kind: "previewed_items", id: restore.id, value: `${previewed}/${items}` }];
    if (restore.previewOperationRunId !== run.id) {
      return {
        decision: "reconciled",
        outcome: "failed",
        reasonCode: "superseded",
        proofGaps: [{ code: "PREVIEW_SUPERSEDED", message: "The scope changed after this preview started; run the preview again." }],
        evidence,
      };
    }
    if (previewed !== items || restore.status !== "previewed") {
      return {
        decision: "reconciled",
        outcome: "failed",
        reasonCode: "preview_incomplete",
        proofGaps: [{ code: "PREVIEW_INCOMPLETE", message: `${previewed} of ${items} items have a preview.` }],
        evidence,
      };
    }
    return { decision: "reconciled", outcome: "succeeded", reasonCode: "preview_complete", proofGaps: [], evidence };
  },
};
