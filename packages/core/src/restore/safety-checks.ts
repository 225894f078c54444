import type { EnforcementPlan } from "@atlas/graph-client";
import type { ProviderFailureCode } from "../codes.ts";
import { enforcementChecks } from "./enforcement-checks.ts";
import type { SafetyCheck } from "./restore-status.ts";

export interface CheckInput {
  targetConnected: boolean;
  /** Why the target could not be used: a provider failure's reason code and sanitized message. */
  targetProblem?: { reasonCode: ProviderFailureCode; message: string };
  sameTenant: boolean;
  /** Types the source backup captured short of the provider's total (the set's completeness record). */
  incompleteTypes?: { objectType: string; captured: number; providerTotal: number }[];
  items: {
    id: string;
    displayName: string;
    objectType: string;
    previewOnly: boolean;
    /** Why the registry never writes it (shown with the blocker). */
    previewOnlyReason?: string;
    /** Set for a built-in object of a restorable type (a built-in role): why the restore leaves it alone. */
    builtIn?: string;
    /** Set for a preview-only object of a restorable type (a line-of-business app): why it is not written. */
    previewOnlyObject?: string;
    hasVersion: boolean;
    /** How many target objects match by provider id or type + display name. */
    targetMatches: number;
    unmappedReferences: { kind: string; sourceId: string; displayName?: string }[];
    /** Set when another scope item already resolves to this item's target object: what collides. */
    collision?: { message: string; params: Record<string, string> };
    /** What the backup's capture of this object missed (e.g. a settings page): codes of its capture gaps. */
    captureGaps?: string[];
    /** Conditional Access: the state the restore writes and whether it leaves the administrators exposed. */
    enforcement?: EnforcementPlan;
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
  for (const type of input.incompleteTypes ?? []) {
    checks.push({
      code: "BACKUP_INCOMPLETE",
      params: { type: type.objectType, captured: String(type.captured), total: String(type.providerTotal) },
      severity: "warning",
      message: `The backup captured ${type.captured} of ${type.providerTotal} ${type.objectType} objects: the missing ones are not in it and cannot be restored.`,
    });
  }
  for (const item of input.items) {
    if (item.captureGaps && item.captureGaps.length > 0) {
      // Writing an incomplete capture would delete in the target what the capture missed (a
      // settings catalog PUT replaces every setting), and its read-back would still "match".
      checks.push({
        code: "BACKUP_ITEM_INCOMPLETE",
        params: { name: item.displayName, gaps: item.captureGaps.join(", ") },
        severity: "blocker",
        message: `The backup of "${item.displayName}" is incomplete (${item.captureGaps.join(", ")}): restoring it would remove what the capture missed. Remove it from the scope or restore from a complete backup.`,
        restoreItemId: item.id,
      });
    }
    if (item.previewOnly) {
      checks.push({
        code: "PREVIEW_ONLY_TYPE",
        params: { name: item.displayName, type: item.objectType },
        severity: "blocker",
        message: `"${item.displayName}" (${item.objectType}) can only be previewed, not restored${item.previewOnlyReason ? `: ${item.previewOnlyReason}` : "."} Remove it from the scope.`,
        restoreItemId: item.id,
      });
    }
    if (item.builtIn) {
      checks.push({
        code: "BUILT_IN_NOT_RESTORED",
        params: { name: item.displayName, type: item.objectType },
        severity: "info",
        message: `"${item.displayName}" (${item.objectType}) is built in and is not written: ${item.builtIn}`,
        restoreItemId: item.id,
      });
    }
    if (item.previewOnlyObject) {
      // Not a blocker: the type's other objects are restored, this one is listed with its reason.
      checks.push({
        code: "PREVIEW_ONLY_OBJECT",
        params: { name: item.displayName, type: item.objectType },
        severity: "info",
        message: `"${item.displayName}" (${item.objectType}) can only be previewed and is not written: ${item.previewOnlyObject}`,
        restoreItemId: item.id,
      });
    }
    if (!item.hasVersion) {
      checks.push({
        code: "VERSION_MISSING",
        params: { name: item.displayName },
        severity: "blocker",
        message: `"${item.displayName}" has no captured version in the backup.`,
        restoreItemId: item.id,
      });
    }
    if (item.collision) {
      checks.push({
        code: "TARGET_COLLISION",
        severity: "blocker",
        message: item.collision.message,
        params: item.collision.params,
        restoreItemId: item.id,
      });
    }
    if (item.targetMatches > 1) {
      checks.push({
        code: "IDENTITY_AMBIGUOUS",
        params: { name: item.displayName, count: item.targetMatches },
        severity: "blocker",
        message: `${item.targetMatches} objects in the target match "${item.displayName}"; rename or remove the duplicates so the restore cannot update the wrong one.`,
        restoreItemId: item.id,
      });
    }
    if (item.enforcement) checks.push(...enforcementChecks(item, item.enforcement));
    for (const reference of item.unmappedReferences) {
      checks.push({
        code: "REFERENCE_UNMAPPED",
        params: { name: item.displayName, kind: reference.kind, reference: reference.displayName ?? reference.sourceId },
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
