import { describe, expect, it } from "vitest";
import { shouldRefreshBackups } from "./backupRunWatch";

const run = { id: "r1", type: "backup.capture", status: "RUNNING", outcome: "PENDING", proofGaps: [] };

describe("shouldRefreshBackups", () => {
  it("refreshes once per state of a backup run, not per progress tick", () => {
    const seen = new Map<string, string>();
    expect(shouldRefreshBackups(seen, run)).toBe(true);
    expect(shouldRefreshBackups(seen, run)).toBe(false);
    expect(shouldRefreshBackups(seen, { ...run, status: "COMPLETED", outcome: "SUCCEEDED" })).toBe(true);
    expect(shouldRefreshBackups(seen, { ...run, status: "COMPLETED", outcome: "SUCCEEDED", proofGaps: [{}] })).toBe(true);
  });

  it("ignores runs of other operation types", () => {
    expect(shouldRefreshBackups(new Map(), { ...run, type: "inventory.sync" })).toBe(false);
  });
});
