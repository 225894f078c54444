import { describe, expect, it } from "vitest";
import { restoreStatusFollowing } from "./restore-follow.ts";
import { countOutcomes, finalRestoreStatus } from "./restore-status.ts";
import { restoreTransitionViolation } from "./restore-transition.ts";
import { resultAttention } from "./result-attention.ts";
import { evaluateSafetyChecks, hasBlockers } from "./safety-checks.ts";

const item = (overrides: Partial<Parameters<typeof evaluateSafetyChecks>[0]["items"][number]> = {}) => ({
  id: "i1",
  displayName: "Baseline",
  objectType: "deviceConfigurations",
  previewOnly: false,
  hasVersion: true,
  targetMatches: 0,
  unmappedReferences: [],
  ...overrides,
});

describe("safety checks", () => {
  it("blocks on a disconnected target, preview-only types, missing versions and ambiguous identity", () => {
    const checks = evaluateSafetyChecks({
      targetConnected: false,
      sameTenant: false,
      items: [
        item({ previewOnly: true, objectType: "intents" }),
        item({ id: "i2", hasVersion: false }),
        item({ id: "i3", targetMatches: 2 }),
      ],
    });
    expect(checks.map((check) => `${check.severity}:${check.code}`)).toEqual([
      "blocker:TARGET_NOT_CONNECTED",
      "blocker:PREVIEW_ONLY_TYPE",
      "blocker:VERSION_MISSING",
      "blocker:IDENTITY_AMBIGUOUS",
    ]);
  });

  it("says per Conditional Access policy how it is written, and blocks an enforced one that excludes no administrators", () => {
    const plan = (writtenState: string, switchedOn: boolean, excludesNoAdministrators = false) => ({
      sourceState: "enabled",
      writtenState,
      reportOnly: writtenState === "enabledForReportingButNotEnforced",
      switchedOn,
      excludesNoAdministrators,
    });
    const checks = evaluateSafetyChecks({
      targetConnected: true,
      sameTenant: false,
      items: [
        item({
          id: "a",
          displayName: "CA002",
          objectType: "conditionalAccessPolicies",
          enforcement: plan("enabledForReportingButNotEnforced", false),
        }),
        item({ id: "b", displayName: "CA003", objectType: "conditionalAccessPolicies", enforcement: plan("enabled", true) }),
        item({ id: "c", displayName: "CA001", objectType: "conditionalAccessPolicies", enforcement: plan("enabled", true, true) }),
        item({ id: "d", displayName: "CA006", objectType: "conditionalAccessPolicies", enforcement: plan("disabled", false) }),
      ],
    });
    expect(checks.map((check) => `${check.severity}:${check.code}:${check.restoreItemId}`)).toEqual([
      "info:CONDITIONAL_ACCESS_REPORT_ONLY:a",
      "warning:CONDITIONAL_ACCESS_ENFORCED:b",
      "blocker:CONDITIONAL_ACCESS_LOCKOUT:c",
    ]);
    expect(checks[2]?.message).toMatch(/exclude no directory role, user or group.*Switch it off/);
    expect(hasBlockers(checks)).toBe(true);
  });

  it("warns (does not block) on the same tenant and on unmapped references", () => {
    const checks = evaluateSafetyChecks({
      targetConnected: true,
      sameTenant: true,
      items: [item({ unmappedReferences: [{ kind: "group", sourceId: "g1", displayName: "Sales" }] })],
    });
    expect(checks.map((check) => check.code)).toEqual(["SAME_TENANT", "REFERENCE_UNMAPPED"]);
    expect(hasBlockers(checks)).toBe(false);
    expect(checks[1]?.message).toContain("Sales");
  });

  it("lists a preview-only object of a restorable type (a line-of-business app) with its reason, without blocking", () => {
    const checks = evaluateSafetyChecks({
      targetConnected: true,
      sameTenant: false,
      items: [item({ objectType: "mobileApps", displayName: "7-Zip", previewOnlyObject: "Graph never gives the package back." })],
    });
    expect(checks.map((check) => [check.code, check.severity, check.restoreItemId])).toEqual([["PREVIEW_ONLY_OBJECT", "info", "i1"]]);
    expect(hasBlockers(checks)).toBe(false);
    expect(checks[0]?.message).toContain("Graph never gives the package back.");
  });

  it("blocks an item whose capture is incomplete and warns of types the backup captured short", () => {
    const checks = evaluateSafetyChecks({
      targetConnected: true,
      sameTenant: false,
      incompleteTypes: [{ objectType: "deviceHealthScripts", captured: 0, providerTotal: 6 }],
      items: [item({ captureGaps: ["SETTINGS_INCOMPLETE"] }), item({ id: "i2", captureGaps: [] })],
    });
    expect(checks.map((check) => [check.code, check.severity, check.restoreItemId])).toEqual([
      ["BACKUP_INCOMPLETE", "warning", undefined],
      ["BACKUP_ITEM_INCOMPLETE", "blocker", "i1"],
    ]);
    expect(checks[0]?.message).toContain("0 of 6 deviceHealthScripts");
  });
});

describe("result attention", () => {
  const counts = (outcomes: string[]) => countOutcomes(outcomes.map((outcome) => ({ outcome, isFoundation: false })));

  it("never says recovery proven for a completed run whose proof does not hold", () => {
    const attention = resultAttention({
      status: "completed",
      dryRun: false,
      counts: counts(["applied"]),
      provenOutcome: null,
      proofGaps: [{ code: "AUDIT_MISSING", message: "" }],
      itemErrorCodes: [],
    });
    expect(attention.state).toBe("completed_with_follow_up");
    expect(attention.recoveryClaimBoundary).toMatch(/not recovery proven/);
  });

  it("says recovery proven only when the bundle holds", () => {
    const attention = resultAttention({
      status: "completed",
      dryRun: false,
      counts: counts(["applied", "applied"]),
      provenOutcome: "succeeded",
      proofGaps: [],
      itemErrorCodes: [],
    });
    expect([attention.state, attention.primaryNextAction]).toEqual(["completed", "None"]);
    expect(attention.recoveryClaimBoundary).toMatch(/^Recovery proven/);
  });

  it("points a partial restore with unmapped references at creating them", () => {
    const attention = resultAttention({
      status: "partial",
      dryRun: false,
      counts: counts(["applied", "partial"]),
      provenOutcome: "partially_succeeded",
      proofGaps: [],
      itemErrorCodes: ["REFERENCE_UNMAPPED"],
    });
    expect([attention.state, attention.primaryCauseFamily]).toEqual(["partial", "unmapped_references"]);
  });

  it("says how many items a running restore wrote so far, and that they are not yet verified", () => {
    const outcomes = [...Array(35).fill("applied"), ...Array(65).fill("pending")];
    const attention = resultAttention({
      status: "running",
      dryRun: false,
      counts: counts(outcomes),
      provenOutcome: null,
      proofGaps: [],
      itemErrorCodes: [],
    });
    expect(attention.state).toBe("in_progress");
    expect(attention.summary).toMatch(/35 of 100 items written so far, not yet verified/);
    expect(`${attention.summary} ${attention.recoveryClaimBoundary}`).not.toMatch(/not executed|nothing was written/i);
    const before = resultAttention({
      ...{ dryRun: false, provenOutcome: null, proofGaps: [], itemErrorCodes: [] },
      status: "running",
      counts: counts(["pending"]),
    });
    expect(before.state).toBe("not_executed");
  });

  it("treats a dry run as not executed", () => {
    const attention = resultAttention({
      status: "dry_run_completed",
      dryRun: true,
      counts: counts(["non_applied"]),
      provenOutcome: "blocked",
      proofGaps: [],
      itemErrorCodes: [],
    });
    expect(attention.state).toBe("not_executed");
    expect(attention.summary).toBe("Dry run walked 1 items; nothing was written.");
  });

  it("derives the restore run's own status from its items", () => {
    expect(finalRestoreStatus(counts(["applied", "applied"]))).toBe("completed");
    expect(finalRestoreStatus(counts(["applied", "failed"]))).toBe("partial");
    expect(finalRestoreStatus(counts(["failed", "non_applied"]))).toBe("failed");
  });
});

describe("restore run transition table", () => {
  const counts = (outcomes: string[]) => countOutcomes(outcomes.map((outcome) => ({ outcome, isFoundation: false })));

  it("never moves a final status, and never lets a dry run end as completed", () => {
    for (const final of ["completed", "dry_run_completed", "partial", "failed", "cancelled"] as const)
      expect(restoreTransitionViolation(final, "running")).toMatch(/not allowed/);
    expect(restoreTransitionViolation("queued", "completed")).toMatch(/not allowed/);
    expect(restoreTransitionViolation("running", "dry_run_completed")).toBeUndefined();
    expect(restoreStatusFollowing("blocked", { status: "running", dryRun: true }, counts(["non_applied"]))).toBe("dry_run_completed");
  });

  it("follows the execution run's final outcome", () => {
    const live = { status: "running" as const, dryRun: false };
    expect(restoreStatusFollowing("cancelled", { status: "queued", dryRun: false }, counts(["pending"]))).toBe("cancelled");
    expect(restoreStatusFollowing("failed", { status: "queued", dryRun: false }, counts(["pending"]))).toBe("failed");
    expect(restoreStatusFollowing("failed", live, counts(["pending", "failed"]))).toBe("failed");
    // Items were written before the failure: the tenant changed, so the run is partial, not failed.
    expect(restoreStatusFollowing("failed", live, counts(["applied", "pending"]))).toBe("partial");
    expect(restoreStatusFollowing("succeeded", live, counts(["applied"]))).toBe("completed");
  });
});
