import type { RestoreRunStatus } from "../../graphql/generated/graphql";
import { restoreStage } from "../restores/restoreEnums";

export const wizardSteps = ["source", "scope", "checks", "preview", "confirm"] as const;
export type WizardStep = (typeof wizardSteps)[number];

/**
 * The furthest step a restore run's status allows: the server resets later steps when an
 * earlier one changes, so the status alone tells what is still valid. Past planning the wizard
 * is done (returns wizardSteps.length) and the detail page takes over.
 */
export function reachableStep(status: RestoreRunStatus | null): number {
  if (status === null) return 0;
  if (restoreStage(status) !== "planning") return wizardSteps.length;
  switch (status) {
    case "DRAFT":
      return 1;
    case "SCOPED":
      return 2;
    case "CHECKED":
      return 3;
    default:
      return 4;
  }
}

/** Whether the run has a finished preview (checks and per-item plan). */
export function hasPreview(status: RestoreRunStatus | null): boolean {
  return status === "CHECKED" || status === "PREVIEWED";
}
