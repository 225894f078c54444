import { describe, expect, it } from "vitest";
import { ACTIVE_STATUSES, transitionViolation } from "./status.ts";

describe("run transition table", () => {
  it("allows the lifecycle and a resume", () => {
    expect(transitionViolation("queued", { status: "running", outcome: "pending" })).toBeUndefined();
    expect(transitionViolation("running", { status: "running", outcome: "pending" })).toBeUndefined();
    expect(transitionViolation("running", { status: "completed", outcome: "succeeded" })).toBeUndefined();
    expect(transitionViolation("queued", { status: "completed", outcome: "cancelled" })).toBeUndefined();
  });

  it("refuses to leave a final state or to mix status and outcome", () => {
    expect(transitionViolation("completed", { status: "running", outcome: "pending" })).toMatch(/not allowed/);
    expect(transitionViolation("completed", { status: "completed", outcome: "failed" })).toMatch(/not allowed/);
    expect(transitionViolation("running", { status: "completed", outcome: "pending" })).toMatch(/final outcome/);
    expect(transitionViolation("queued", { status: "running", outcome: "succeeded" })).toMatch(/pending/);
    expect(transitionViolation("running", { status: "queued", outcome: "pending" })).toMatch(/not allowed/);
  });

  it("names the non-final statuses", () => {
    expect(ACTIVE_STATUSES).toEqual(["queued", "running"]);
  });
});
