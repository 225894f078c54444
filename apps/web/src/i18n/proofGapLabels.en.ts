import type { ProofGapCode } from "@atlas/core/codes";

export interface GapLabel {
  title: string;
  /** One line: what does not hold; {{params}} come from the API's ProofGap.params. */
  explanation: string;
  next: string;
}

/** Proof gaps in English: title, one-line explanation and the next step, one per core code. */
export const proofGapLabelsEn = {
  EXECUTION_NOT_FINISHED: {
    title: "Still running",
    explanation: "The run has not finished its work, so there is nothing to prove yet.",
    next: "Wait for the run to finish; the proof is checked again then.",
  },
  PROVIDER_TOTALS_MISSING: {
    title: "Tenant totals missing",
    explanation: "The run did not record how many objects the tenant has of every type.",
    next: "Run the inventory sync again.",
  },
  PROVIDER_TOTAL_MISSING: {
    title: "Tenant total missing",
    explanation: "{{type}}: no total was recorded for this type.",
    next: "Run the backup again.",
  },
  INVENTORY_COUNT_MISMATCH: {
    title: "Count does not match",
    explanation: "{{type}}: the tenant listed {{expected}} objects, the inventory holds {{observed}} from this run.",
    next: "Run the inventory sync again.",
  },
  PROVIDER_COUNT_NOT_MET: {
    title: "Fewer objects than the tenant reports",
    explanation: "{{type}}: the tenant reports {{reported}} objects, this run got {{observed}}.",
    next: "Run it again; if it repeats, check the tenant's throttling and permissions.",
  },
  PREVIOUS_OBJECTS_UNCONFIRMED: {
    title: "Known objects not confirmed",
    explanation: "{{type}}: {{count}} known objects were missing from the listing and not confirmed deleted.",
    next: "Run it again to see them or confirm they were deleted.",
  },
  SETTINGS_COUNT_NOT_MET: {
    title: "Settings missing",
    explanation: "{{type}} “{{name}}”: {{stored}} of the {{reported}} settings are stored.",
    next: "Run the backup again.",
  },
  BACKUP_SET_MISSING: {
    title: "Backup missing",
    explanation: "The run has no backup of its own environment.",
    next: "Start a new backup.",
  },
  BACKUP_SET_NOT_SEALED: {
    title: "Backup not completed",
    explanation: "The backup was not completed.",
    next: "Start a new backup.",
  },
  TYPE_INCOMPLETE: {
    title: "Type incomplete",
    explanation: "{{type}}: {{captured}} of {{expected}} objects captured.",
    next: "Run the backup again.",
  },
  VERSION_MISSING: {
    title: "Version missing",
    explanation: "No captured version of the object is linked to the run.",
    next: "Capture the object again.",
  },
  RESTORE_RUN_MISSING: {
    title: "Restore missing",
    explanation: "The restore this run belongs to is gone or out of your scope.",
    next: "Plan the restore again.",
  },
  PREVIEW_SUPERSEDED: {
    title: "Preview outdated",
    explanation: "The scope changed after this preview started.",
    next: "Run the preview again.",
  },
  PREVIEW_INCOMPLETE: {
    title: "Preview incomplete",
    explanation: "Not every item of the scope has a preview.",
    next: "Run the preview again.",
  },
  SCOPE_MISMATCH: {
    title: "Scope mismatch",
    explanation: "The restore belongs to another workspace, environment or run.",
    next: "Contact support; do not rely on this run.",
  },
  DRY_RUN_ONLY: {
    title: "Dry run",
    explanation: "This was a dry run: nothing was written, so nothing is recovered.",
    next: "Start a live restore from the same plan.",
  },
  NOT_TERMINAL: {
    title: "Restore not finished",
    explanation: "The restore has not reached a final state.",
    next: "Wait for the restore to finish.",
  },
  ITEMS_NOT_ALL_APPLIED: {
    title: "Not every item applied",
    explanation: "Some items of the restore were not written.",
    next: "Open the items that did not apply.",
  },
  TARGET_COLLISION: {
    title: "Two items, one target",
    explanation: "Two items of the scope resolve to the same object in the target.",
    next: "Remove one of them from the scope.",
  },
  PROVIDER_ACCEPTANCE_MISSING: {
    title: "Write not confirmed",
    explanation: "The tenant did not return an id or version for every write.",
    next: "Re-check the proof; if it stays, restore the items again.",
  },
  VERIFICATION_MISSING: {
    title: "Not verified",
    explanation: "The restored objects were not read back.",
    next: "Re-check the proof.",
  },
  VERIFICATION_INCOMPLETE: {
    title: "Verification incomplete",
    explanation: "Not every restored object was read back.",
    next: "Re-check the proof.",
  },
  VERIFICATION_MISMATCH: {
    title: "Differs from the backup",
    explanation: "A restored object read back different from the backup.",
    next: "Compare the object with the backup.",
  },
  AUDIT_ACTOR_MISSING: {
    title: "Confirmer not audited",
    explanation: "The audit event does not name who confirmed the restore.",
    next: "Contact support.",
  },
  AUDIT_MISSING: {
    title: "Audit missing",
    explanation: "No audit event records this restore and who confirmed it.",
    next: "Contact support.",
  },
  FINGERPRINT_MISSING: {
    title: "Fingerprint missing",
    explanation: "The run recorded no fingerprint or review.",
    next: "Compose the review again.",
  },
  REVIEW_OTHER_SCOPE: {
    title: "Review of another scope",
    explanation: "A review with this fingerprint belongs to another workspace or environment.",
    next: "Contact support; do not rely on this review.",
  },
  REVIEW_AMBIGUOUS: {
    title: "Several reviews match",
    explanation: "More than one ready or published review carries this fingerprint.",
    next: "Archive the duplicates, then re-check the proof.",
  },
  REVIEW_NOT_READY: {
    title: "Review not ready",
    explanation: "No ready or published review of this environment carries the run's fingerprint.",
    next: "Compose the review again.",
  },
  DRIFT_TYPE_NOT_CHECKED: {
    title: "Type not checked",
    explanation: "The drift check did not read every object of this type.",
    next: "Run the drift check again.",
  },
  REVIEW_NOT_THE_RUNS: {
    title: "Another review",
    explanation: "The review with the run's fingerprint is not the review the run names.",
    next: "Compose the review again.",
  },
  SETTINGS_INCOMPLETE: {
    title: "Settings incomplete",
    explanation: "“{{name}}”: not all settings were read.",
    next: "Run it again.",
  },
  SUBRESOURCE_INCOMPLETE: {
    title: "Details incomplete",
    explanation: "“{{name}}”: part of the object's details could not be read.",
    next: "Run it again.",
  },
  ASSIGNMENTS_INCOMPLETE: {
    title: "Assignments incomplete",
    explanation: "“{{name}}”: the assignments could not be read completely.",
    next: "Run it again.",
  },
  EXPANSION_MISSING: {
    title: "Details missing",
    explanation: "“{{name}}”: the tenant returned the object without its details.",
    next: "Run it again.",
  },
  CONTENT_MISSING: {
    title: "Content missing",
    explanation: "“{{name}}”: the script content is missing or empty.",
    next: "Run it again; check the script in the tenant.",
  },
} satisfies Record<ProofGapCode, GapLabel>;
