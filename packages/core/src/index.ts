export * from "./codes.ts";
export * from "./errors.ts";
export * from "./access/capabilities.ts";
export * from "./access/actor.ts";
export * from "./access/visibility.ts";
export * from "./access/authentication.ts";
export * from "./access/credential-cache.ts";
export * from "./access/login-throttle.ts";
export * from "./security/secret-box.ts";
export * from "./security/sanitize.ts";
export * from "./security/passwords.ts";
export * from "./operations/status.ts";
export * from "./operations/run-context.ts";
export * from "./operations/transition.ts";
export * from "./operations/start-run.ts";
export * from "./operations/start-environment-run.ts";
export * from "./operations/rerun.ts";
export * from "./operations/run-lifecycle.ts";
export * from "./operations/run-steps.ts";
export * from "./operations/run-queries.ts";
export * from "./operations/stale-sweep.ts";
export * from "./reconciliation/types.ts";
export * from "./reconciliation/registry.ts";
export * from "./reconciliation/reconcile-run.ts";
export * from "./inventory/sync-context.ts";
export * from "./inventory/inventory-service.ts";
export * from "./inventory/inventory-queries.ts";
export * from "./environments/environment-service.ts";
export * from "./environments/dashboard.ts";
export * from "./notifications/notifications.ts";
export * from "./notifications/notification-queries.ts";
export * from "./audit/audit.ts";
export * from "./demo/seed-demo.ts";
export { assertNever } from "./util/assert-never.ts";
export * from "./util/search-text.ts";
export * from "./backup/capture-context.ts";
export * from "./backup/backup-store.ts";
export * from "./backup/provider-totals.ts";
export * from "./backup/backup-set-final.ts";
export * from "./backup/backup-capture-adapter.ts";
export * from "./backup/start-backup.ts";
export * from "./backup/backup-compare.ts";
export * from "./backup/schedules.ts";
export * from "./backup/retention.ts";
export * from "./backup/version-diff.ts";
export * from "./backup/export.ts";
export * from "./backup/backup-queries.ts";
export * from "./security/signed-links.ts";
export * from "./restore/restore-status.ts";
export * from "./restore/restore-transition.ts";
export * from "./restore/restore-follow.ts";
export * from "./restore/safety-checks.ts";
export * from "./restore/restore-wizard.ts";
export * from "./restore/restore-order.ts";
export * from "./restore/restore-execute-adapter.ts";
export * from "./restore/restore-preview-adapter.ts";
export * from "./restore/result-attention.ts";
export * from "./restore/restore-queries.ts";
export * from "./restore/restore-run-history.ts";
export * from "./restore/reference-maps.ts";
export * from "./restore/target-resolution.ts";
export * from "./restore/write-restore-item.ts";
export * from "./restore/verify-restore.ts";
export * from "./restore/execute-restore.ts";
export * from "./restore/preview-restore.ts";
export * from "./operations/provider-failure.ts";
export {
  BY_TYPE_AND_NAME,
  type ListKey,
  type ListOrder,
  type ListPosition,
  NEWEST_CAPTURED,
  NEWEST_CREATED,
  keysetPageWhere,
  keysetPast,
  keysetWhere,
  orderByOf,
} from "./util/keyset.ts";
export * from "./reviews/review-status.ts";
export * from "./reviews/review-context.ts";
export * from "./reviews/review-evidence.ts";
export * from "./reviews/review-sections.ts";
export * from "./reviews/compose-review.ts";
export * from "./reviews/review-compose-adapter.ts";
export * from "./reviews/review-lifecycle.ts";
export * from "./reviews/review-queries.ts";
export * from "./reviews/review-compare.ts";
export * from "./reviews/review-document.ts";
export * from "./reviews/review-pdf.ts";
export * from "./reviews/review-schedule.ts";
export * from "./baselines/decode-file.ts";
export * from "./baselines/recognize-file.ts";
export * from "./baselines/baseline-items.ts";
export * from "./baselines/baseline-versions.ts";
export * from "./baselines/baseline-service.ts";
export * from "./baselines/baseline-assignments.ts";
export * from "./baselines/baseline-queries.ts";
export * from "./baselines/drift-compare.ts";
export * from "./drift/drift-context.ts";
export * from "./drift/start-drift-check.ts";
export * from "./drift/record-findings.ts";
export * from "./drift/drift-check-adapter.ts";
export * from "./drift/drift-actions.ts";
export * from "./drift/drift-queries.ts";
export * from "./drift/drift-schedule.ts";
export * from "./drift/fleet-conformance.ts";
export * from "./drift/drift-notifications.ts";
export * from "./deployments/deployment-status.ts";
export * from "./deployments/deployment-source.ts";
export * from "./deployments/deployment-queries.ts";
export * from "./deployments/deploy-baseline.ts";
export * from "./deployments/approve-deployment.ts";
