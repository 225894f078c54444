import { describe, expect, it } from "vitest";
import { headlineSummaryCounts, orderSummaryCounts } from "./summaryCounts";

const counts = [
  { key: "intents", value: 8 },
  { key: "total", value: 300 },
  { key: "assignmentFilters", value: 12 },
  { key: "failed", value: 0 },
];

describe("summary count ordering", () => {
  it("puts headline counts first, then the rest alphabetically", () => {
    expect(orderSummaryCounts(counts).map((c) => c.key)).toEqual(["total", "failed", "assignmentFilters", "intents"]);
  });

  it("shows only headline counts in list rows, or the first three without any", () => {
    expect(headlineSummaryCounts(counts).map((c) => c.key)).toEqual(["total", "failed"]);
    expect(headlineSummaryCounts(counts.filter((c) => c.key !== "total" && c.key !== "failed")).map((c) => c.key)).toEqual([
      "assignmentFilters",
      "intents",
    ]);
  });
});
