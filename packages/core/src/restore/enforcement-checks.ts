import type { EnforcementPlan } from "@atlas/graph-client";
import type { SafetyCheck } from "./restore-status.ts";

/**
 * What the preview says about a Conditional Access policy: report-only by default (info), enforced
 * when the operator switched it on (warning), and the lockout guard: switched on while its
 * conditions exclude no directory role, user or group, it blocks the restore with what to do.
 */
export function enforcementChecks(item: { id: string; displayName: string }, plan: EnforcementPlan): SafetyCheck[] {
  const params = { name: item.displayName, state: plan.writtenState };
  if (plan.excludesNoAdministrators) {
    return [
      {
        code: "CONDITIONAL_ACCESS_LOCKOUT",
        params,
        severity: "blocker",
        message: `"${item.displayName}" would be written enabled, but its conditions exclude no directory role, user or group in the target: it can lock every administrator out of the tenant. Switch it off to restore it report-only, or exclude your emergency access accounts (their users, their group or an administrator role) in the source, back it up again and restore that backup.`,
        restoreItemId: item.id,
      },
    ];
  }
  if (plan.switchedOn) {
    return [
      {
        code: "CONDITIONAL_ACCESS_ENFORCED",
        params,
        severity: "warning",
        message: `"${item.displayName}" is written enabled: it is enforced on every matching sign-in as soon as the restore writes it.`,
        restoreItemId: item.id,
      },
    ];
  }
  // A disabled policy stays disabled: nothing to warn about.
  if (!plan.reportOnly) return [];
  return [
    {
      code: "CONDITIONAL_ACCESS_REPORT_ONLY",
      params,
      severity: "info",
      message: `"${item.displayName}" is written report-only (${plan.writtenState}): sign-ins are evaluated and logged, nothing is enforced. Switch it on in the preview to enforce it.`,
      restoreItemId: item.id,
    },
  ];
}
