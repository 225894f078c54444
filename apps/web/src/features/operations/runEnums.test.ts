import { describe, expect, it } from "vitest";
import { decisionBadgeColor } from "./runEnums";

describe("the reconciliation decision's colour", () => {
  it("is green only for a proven success, never beside a proven BLOCKED, FAILED or partial outcome", () => {
    expect(decisionBadgeColor("RECONCILED", "SUCCEEDED")).toBe("green");
    for (const outcome of ["BLOCKED", "FAILED", "PARTIALLY_SUCCEEDED", "CANCELLED"] as const) {
      expect(decisionBadgeColor("RECONCILED", outcome)).not.toBe("green");
    }
    expect(decisionBadgeColor("NOT_RECONCILED", "FAILED")).toBe("yellow");
  });
});
