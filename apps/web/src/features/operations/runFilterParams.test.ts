import { describe, expect, it } from "vitest";
import { runFilterFromSearchParams, runFilterToSearchParams } from "./runFilterParams";

describe("run filter URL round trip", () => {
  it("restores the filter it wrote", () => {
    const filter = {
      environmentIds: ["e1", "e2"],
      types: ["restore.execute"],
      statuses: ["RUNNING" as const],
      outcomes: ["FAILED" as const],
      hasProofGaps: true,
    };
    expect(runFilterFromSearchParams(runFilterToSearchParams(filter))).toEqual(filter);
  });

  it("drops unknown enum values and empty dimensions", () => {
    const params = new URLSearchParams("status=EXPLODED&status=QUEUED&proofGaps=nope");
    expect(runFilterFromSearchParams(params)).toEqual({ statuses: ["QUEUED"] });
  });
});
