// What captureObject returns. A capture never hides a hole: whatever it could not read completely
// is listed as a gap, and callers (backup.capture) record the gaps instead of failing the whole run.

import type { ContractKey } from "../contracts.ts";
import type { GraphObject } from "../graph-client.ts";
import type { GraphRequestError } from "../graph-request-error.ts";

export const CAPTURE_GAP_CODES = {
  /** The settings did not all arrive: fewer than the provider's total, or a page stayed empty. */
  settingsIncomplete: "SETTINGS_INCOMPLETE",
  /** Another sub-collection (presentation values, localized messages) lost a page or could not be read. */
  subResourceIncomplete: "SUBRESOURCE_INCOMPLETE",
  /** The assignments could not be read completely. */
  assignmentsIncomplete: "ASSIGNMENTS_INCOMPLETE",
  /** An `$expand` came back without the expanded property (compliance scheduled actions). */
  expansionMissing: "EXPANSION_MISSING",
  /** A property only GET by id returns (script content) is missing or empty. */
  contentMissing: "CONTENT_MISSING",
} as const;

export type CaptureGapCode = (typeof CAPTURE_GAP_CODES)[keyof typeof CAPTURE_GAP_CODES];

export interface CaptureGap {
  code: CaptureGapCode;
  /** Names what is missing and why, with counts; safe to show (no tokens, no query strings). */
  message: string;
  /** The sub-resource key (`settings`, `definitionValues`, `assignments`, `scriptContent` ...). */
  subResource: string;
  /** The provider's total where it has one (settingCount). */
  expected?: number;
  captured?: number;
}

export interface CaptureCompleteness {
  /** The provider's own total for the settings (settingCount), where the type has one. */
  expectedSettings?: number;
  /** Settings captured, for types whose contract marks a sub-collection as settings. */
  capturedSettings?: number;
  gaps: CaptureGap[];
}

export interface CapturedObject {
  typeKey: ContractKey;
  id: string;
  /**
   * The object as GET by id returned it (incl. detail-only properties and expanded navigation
   * properties), with every collection sub-resource nested under its contract key
   * (`settings`, `definitionValues[].presentationValues`, `localizedNotificationMessages`).
   */
  raw: GraphObject;
  /** Empty for types without assignments. */
  assignments: GraphObject[];
  completeness: CaptureCompleteness;
}

/** One entry per requested id: the capture, or why the object itself could not be read (e.g. deleted: 404). */
export type CaptureOutcome = { id: string; captured: CapturedObject } | { id: string; error: GraphRequestError };

export interface CaptureOptions {
  /** Objects completed in parallel after the shared $batch round; the request budget still paces them. Default 4. */
  concurrency?: number;
}
