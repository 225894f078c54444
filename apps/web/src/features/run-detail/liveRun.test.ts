import { describe, expect, it } from "vitest";
import type { RunDetail } from "./documents";
import { overlayLiveRun, timelineKey } from "./liveRun";

const base: RunDetail = {
  __typename: "OperationRun",
  id: "run-1",
  type: "inventory.sync",
  status: "RUNNING",
  outcome: "PENDING",
  progress: 0.2,
  createdAt: "2025-01-01T00:00:00Z",
  updatedAt: "2025-01-01T00:00:00Z",
  startedAt: "2025-01-01T00:00:01Z",
  completedAt: null,
  environment: null,
  summaryCounts: [],
  failure: null,
  reconciliation: null,
  rerunnable: false,
  proofGaps: [],
  startedBy: { __typename: "RunInitiator", kind: "system", name: null },
};

describe("overlayLiveRun", () => {
  it("prefers the live payload for the same run and keeps query-only fields", () => {
    const queried = { ...base, rawContext: "{}" };
    const shown = overlayLiveRun(queried, { ...base, progress: 0.9 });
    expect(shown.progress).toBe(0.9);
    expect(shown.rawContext).toBe("{}");
  });

  it("keeps a refetched state that is newer than the last live payload", () => {
    const refetched = { ...base, status: "COMPLETED" as const, updatedAt: "2025-01-01T00:00:09Z" };
    expect(overlayLiveRun(refetched, base)).toBe(refetched);
  });

  it("keeps a refetched final state of a run that only carries what the restore wizard asks for", () => {
    // The wizard's preview run: its subscription paused once a refetch showed it completed, so the
    // last live payload (progress 1, still running) is older and must not hide the completion.
    const preview = {
      id: "run-1",
      status: "COMPLETED" as const,
      outcome: "SUCCEEDED" as const,
      progress: 1,
      updatedAt: "2025-01-01T00:00:09Z",
    };
    expect(overlayLiveRun(preview, { ...base, progress: 1, updatedAt: "2025-01-01T00:00:08Z" })).toBe(preview);
  });

  it("ignores a payload of another run", () => {
    expect(overlayLiveRun(base, { ...base, id: "run-2", progress: 1 })).toBe(base);
  });
});

describe("timelineKey", () => {
  it("changes on transitions but not on progress ticks", () => {
    expect(timelineKey({ ...base, progress: 0.9 })).toBe(timelineKey(base));
    expect(timelineKey({ ...base, status: "COMPLETED", outcome: "SUCCEEDED" })).not.toBe(timelineKey(base));
  });
});
