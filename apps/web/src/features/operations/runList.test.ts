import { describe, expect, it } from "vitest";
import type { RunRow } from "./documents";
import { appendRunPage, applyRunUpdate, emptyRunList, matchesRunFilter } from "./runList";

function run(id: string, overrides: Partial<RunRow> = {}): RunRow {
  return {
    __typename: "OperationRun",
    id,
    type: "inventory.sync",
    status: "QUEUED",
    outcome: "PENDING",
    progress: null,
    createdAt: "2025-01-01T00:00:00Z",
    updatedAt: "2025-01-01T00:00:00Z",
    startedAt: null,
    completedAt: null,
    environment: { __typename: "ManagedEnvironment", id: "env-1", name: "Fabrikam" },
    summaryCounts: [],
    failure: null,
    proofGaps: [],
    startedBy: { __typename: "RunInitiator", kind: "user", name: "Olivia Operator" },
    ...overrides,
  };
}

describe("applyRunUpdate", () => {
  it("puts a new matching run at the top and counts it", () => {
    const state = appendRunPage(emptyRunList, [run("a"), run("b")], 2);
    const next = applyRunUpdate(state, run("c"), {});
    expect(next.runs.map((r) => r.id)).toEqual(["c", "a", "b"]);
    expect(next.totalCount).toBe(3);
  });

  it("replaces an existing run in place without reordering", () => {
    const state = appendRunPage(emptyRunList, [run("a"), run("b")], 2);
    const next = applyRunUpdate(state, run("b", { status: "RUNNING", progress: 0.5 }), {});
    expect(next.runs.map((r) => r.id)).toEqual(["a", "b"]);
    expect(next.runs[1]?.progress).toBe(0.5);
    expect(next.totalCount).toBe(2);
  });

  it("ignores a new run outside the filter", () => {
    const state = appendRunPage(emptyRunList, [run("a")], 1);
    const next = applyRunUpdate(state, run("x", { type: "backup.capture" }), { types: ["inventory.sync"] });
    expect(next).toBe(state);
  });

  it("removes a run that no longer matches the filter", () => {
    const state = appendRunPage(emptyRunList, [run("a", { status: "RUNNING" })], 1);
    const next = applyRunUpdate(state, run("a", { status: "COMPLETED", outcome: "SUCCEEDED" }), {
      statuses: ["RUNNING"],
    });
    expect(next.runs).toEqual([]);
    expect(next.totalCount).toBe(0);
  });
});

describe("freshness", () => {
  it("ignores a live update older than the listed version", () => {
    const state = appendRunPage(emptyRunList, [run("a", { status: "COMPLETED", updatedAt: "2025-01-01T00:00:05Z" })], 1);
    const stale = run("a", { status: "RUNNING", updatedAt: "2025-01-01T00:00:03Z" });
    expect(applyRunUpdate(state, stale, {})).toBe(state);
  });

  it("lets a newer fetched page replace a listed run in place", () => {
    const state = appendRunPage(emptyRunList, [run("a"), run("b")], 2);
    const next = appendRunPage(state, [run("b", { status: "COMPLETED", updatedAt: "2025-01-01T00:01:00Z" })], 2);
    expect(next.runs.map((r) => [r.id, r.status])).toEqual([
      ["a", "QUEUED"],
      ["b", "COMPLETED"],
    ]);
  });
});

describe("appendRunPage", () => {
  it("keeps the live state of a run that arrived by subscription before its (older) page", () => {
    const live = applyRunUpdate(emptyRunList, run("a", { status: "RUNNING", progress: 0.7, updatedAt: "2025-01-01T00:00:09Z" }), {});
    const next = appendRunPage(live, [run("a", { progress: 0.1 }), run("b")], 2);
    expect(next.runs.map((r) => [r.id, r.progress])).toEqual([
      ["a", 0.7],
      ["b", null],
    ]);
    expect(next.totalCount).toBe(2);
  });
});

describe("matchesRunFilter", () => {
  it("applies every filter dimension", () => {
    const gapped = run("a", { proofGaps: [{ __typename: "ProofGap", code: "missing_evidence" }], outcome: "PARTIALLY_SUCCEEDED" });
    expect(matchesRunFilter(gapped, { hasProofGaps: true })).toBe(true);
    expect(matchesRunFilter(gapped, { hasProofGaps: false })).toBe(false);
    expect(matchesRunFilter(gapped, { outcomes: ["FAILED"] })).toBe(false);
    expect(matchesRunFilter(gapped, { environmentIds: ["env-2"] })).toBe(false);
    expect(matchesRunFilter(gapped, { environmentIds: ["env-1"], types: ["inventory.sync"] })).toBe(true);
  });
});
