import { describe, expect, it } from "vitest";
import { completenessSummary } from "./completeness";

const complete = {
  __typename: "TypeCompleteness" as const,
  objectType: "intents",
  providerTotal: 3,
  captured: 3,
  complete: true,
  gaps: [],
};
const gap = {
  __typename: "CompletenessGap",
  providerId: "p1",
  displayName: "Baseline",
  code: "missing_settings_page",
  message: "page 3 of 13 missing",
} as const;

describe("completenessSummary", () => {
  it("says nothing about a set that is still capturing", () => {
    expect(completenessSummary({ status: "CAPTURING", hasGaps: false, completeness: [] })).toEqual({ state: "capturing", gapCount: 0 });
  });

  it("is complete when every type is complete and nothing has gaps", () => {
    expect(completenessSummary({ status: "COMPLETED", hasGaps: false, completeness: [complete] })).toEqual({
      state: "complete",
      gapCount: 0,
    });
  });

  it("counts item gaps, and a short type without item gaps as one gap", () => {
    const summary = completenessSummary({
      status: "COMPLETED",
      hasGaps: true,
      completeness: [
        { ...complete, objectType: "configurationPolicies", complete: false, gaps: [gap, { ...gap, providerId: "p2" }] },
        { ...complete, objectType: "deviceConfigurations", providerTotal: 110, captured: 109, complete: false },
        complete,
      ],
    });
    expect(summary).toEqual({ state: "incomplete", gapCount: 3 });
  });

  it("treats a failed set as incomplete even without recorded gaps", () => {
    expect(completenessSummary({ status: "FAILED", hasGaps: false, completeness: [complete] }).state).toBe("incomplete");
  });
});
