import { describe, expect, it } from "vitest";
import { describeRejection, interpretMutationResult } from "./mutationResult";

describe("interpretMutationResult", () => {
  it("returns the payload of the success member", () => {
    const payload = { __typename: "StartOperationPayload", run: { id: "r1" }, deduplicated: true };
    expect(interpretMutationResult(payload, "StartOperationPayload", "oops")).toEqual({ kind: "success", payload });
  });

  it("turns typed errors into a rejection with field errors", () => {
    const outcome = interpretMutationResult(
      { __typename: "ValidationError", message: "Invalid input", fieldErrors: [{ path: ["input", "environmentId"], message: "unknown" }] },
      "StartOperationPayload",
      "oops",
    );
    expect(outcome).toMatchObject({ kind: "rejected", typename: "ValidationError", message: "Invalid input" });
    if (outcome.kind !== "rejected") throw new Error("expected a rejection");
    expect(describeRejection(outcome)).toBe("Invalid input\ninput.environmentId: unknown");
  });

  it("falls back when the result is missing or unrecognised", () => {
    expect(interpretMutationResult(null, "X", "oops")).toEqual({ kind: "failed", message: "oops" });
    expect(interpretMutationResult({ __typename: "Mystery" }, "X", "oops")).toEqual({ kind: "failed", message: "oops" });
  });
});
