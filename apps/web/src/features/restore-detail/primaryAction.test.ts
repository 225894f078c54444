import { describe, expect, it } from "vitest";
import { primaryActionFor, shouldWatch } from "./primaryAction";

const all = { reconcile: true, plan: true, execute: true };

describe("primaryActionFor", () => {
  it("offers to continue planning, and nothing while executing", () => {
    expect(primaryActionFor({ status: "SCOPED", dryRun: true, state: "NOT_EXECUTED", capabilities: all })).toBe("continuePlanning");
    expect(primaryActionFor({ status: "RUNNING", dryRun: false, state: "NOT_EXECUTED", capabilities: all })).toBe("none");
  });

  it("never offers more once recovery is proven", () => {
    expect(primaryActionFor({ status: "COMPLETED", dryRun: false, state: "COMPLETED", capabilities: all })).toBe("none");
  });

  it("re-checks an unproven completion only with operations.reconcile", () => {
    const input = { status: "COMPLETED", dryRun: false, state: "COMPLETED_WITH_FOLLOW_UP" } as const;
    expect(primaryActionFor({ ...input, capabilities: all })).toBe("recheckProof");
    expect(primaryActionFor({ ...input, capabilities: { ...all, reconcile: false } })).toBe("none");
  });

  it("points partial and failed results at their items, and a finished dry run at the live restore", () => {
    expect(primaryActionFor({ status: "PARTIAL", dryRun: false, state: "PARTIAL", capabilities: all })).toBe("showItems");
    expect(primaryActionFor({ status: "FAILED", dryRun: false, state: "FAILED", capabilities: all })).toBe("showItems");
    expect(primaryActionFor({ status: "COMPLETED", dryRun: true, state: "NOT_EXECUTED", capabilities: all })).toBe("planLiveRestore");
    expect(primaryActionFor({ status: "CANCELLED", dryRun: true, state: "NOT_EXECUTED", capabilities: all })).toBe("none");
    const operator = { ...all, execute: false };
    expect(primaryActionFor({ status: "COMPLETED", dryRun: true, state: "NOT_EXECUTED", capabilities: operator })).toBe("none");
  });
});

describe("shouldWatch", () => {
  it("follows an executing restore and an unsettled proof, and stops once the verdict is final", () => {
    expect(shouldWatch("QUEUED", null)).toBe(true);
    expect(shouldWatch("COMPLETED", { status: "RUNNING", decision: null })).toBe(true);
    expect(shouldWatch("COMPLETED", { status: "COMPLETED", decision: "NOT_RECONCILED" })).toBe(true);
    expect(shouldWatch("COMPLETED", { status: "COMPLETED", decision: "RECONCILED" })).toBe(false);
    expect(shouldWatch("PREVIEWED", null)).toBe(false);
  });
});
