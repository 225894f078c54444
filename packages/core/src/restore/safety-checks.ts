import type { SafetyCheck } from "./restore-status.ts";

export interface CheckInput {
  targetConnected: boolean;
  /** Why the target could not be used: a provider failure's reason code and sanitized message. */
  targetProblem?: { reasonCode: string; message: string };
  sameTenant: boolean;
  items: {
    id: string;
    displayName: string;
    objectType: string;
    previewOnly: boolean;
    hasVersion: boolean;
    /** How many target objects match by provider id or type + display name. */
    targetMatches: number;
    unmappedReferences: { kind: string; sourceId: string; displayName?: string }[];
    /** Set when another scope item already resolves to this item's target object: what collides. */
    collision?: string;
  }[];
}

/**
 * The server-side safety checks of a restore scope. Blockers make confirmation impossible;
 * warnings and info are shown with their severity.
 */
export function evaluateSafetyChecks(input: CheckInput): SafetyCheck[] {
  const checks: SafetyCheck[] = [];
  if (!input.targetConnected) {
    checks.push({
      code: input.targetProblem?.reasonCode ?? "TARGET_NOT_CONNECTED",
      severity: "blocker",
      message:
        input.targetProblem?.message ??
        "The target environment could not be reached with its credentials. Fix the connection, then run the preview again.",
    });
  }
  if (input.sameTenant) {
    checks.push({
      code: "SAME_TENANT",
      severity: "warning",
      message: "Source and target are the same tenant: the restore overwrites the current configuration with the backup.",
    });
  }
  for (const item of input.items) {
    if (item.previewOnly) {
      checks.push({
        code: "PREVIEW_ONLY_TYPE",
        severity: "blocker",
        message: `"${item.displayName}" (${item.objectType}) can only be previewed, not restored. Remove it from the scope.`,
        restoreItemId: item.id,
      });
    }
    if (!item.hasVersion) {
      checks.push({
        code: "VERSION_MISSING",
        severity: "blocker",
        message: `"${item.displayName}" has no captured version in the backup.`,
        restoreItemId: item.id,
      });
    }
    if (item.collision) {
      checks.push({ code: "TARGET_COLLISION", severity: "blocker", message: item.collision, restoreItemId: item.id });
    }
    if (item.targetMatches > 1) {
      checks.push({
        code: "IDENTITY_AMBIGUOUS",
        severity: "blocker",
        message: `${item.targetMatches} objects in the target match "${item.displayName}"; rename or remove the duplicates so the restore cannot update the wrong one.`,
        restoreItemId: item.id,
      });
    }
    for (const reference of item.unmappedReferences) {
      checks.push({
        code: "REFERENCE_UNMAPPED",
        severity: "warning",
        message: `"${item.displayName}": ${reference.kind} "${reference.displayName ?? reference.sourceId}" does not exist in the target; the item will end partial without it.`,
        restoreItemId: item.id,
      });
    }
  }
  return checks;
}

export function hasBlockers(checks: SafetyCheck[]): boolean {
  return checks.some((check) => check.severity === "blocker");
}
