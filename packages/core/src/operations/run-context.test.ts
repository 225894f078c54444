import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { readRunContext, readRunLifecycle } from "./run-context.ts";

describe("run context", () => {
  it("reads a fresh context with the type's defaults", () => {
    expect(readRunContext("inventory.sync", {})).toEqual({ types: [], completedTypes: [], providerTotals: {}, reportedCounts: {} });
    expect(readRunContext("backup.capture", null)).toMatchObject({ trigger: "manual", providerTotals: {} });
  });

  it("refuses a malformed context instead of guessing", () => {
    expect(() => readRunContext("backup.capture", { providerTotals: "12" })).toThrow(ZodError);
    expect(() => readRunContext("policy.capture_snapshot", { objectType: "deviceConfigurations" })).toThrow(ZodError);
    // @ts-expect-error: only operation types of the catalog have a context schema
    expect(() => readRunContext("inventory.unknown", {})).toThrow();
  });

  it("keeps the machinery's keys out of the type's context, so a task never writes back a stale verdict", () => {
    const context = {
      types: ["deviceConfigurations"],
      cancelRequestedAt: "2026-01-01T00:00:00Z",
      reconciliation: {
        latest: {
          decision: "not_reconciled",
          reasonCode: "execution_in_progress",
          proofGaps: [],
          evidence: [],
          adapter: "inventorySyncAdapter",
          adapterVersion: "1",
          evaluatedAt: "2026-01-01T00:00:00Z",
        },
        history: [],
      },
    };
    expect(readRunContext("inventory.sync", context)).not.toHaveProperty("reconciliation");
    expect(readRunContext("inventory.sync", context)).not.toHaveProperty("cancelRequestedAt");
    expect(readRunLifecycle(context).reconciliation?.latest.reasonCode).toBe("execution_in_progress");
    expect(readRunLifecycle(context).cancelRequestedAt).toBe("2026-01-01T00:00:00Z");
  });
});
