import { describe, expect, it } from "vitest";
import { ROWS_PER_PAGE, actionsPresent, filterAndPage } from "./actionFilter";

const items = [
  ...Array.from({ length: 30 }, (_, index) => ({ id: `u${index}`, action: "UPDATE" as const })),
  { id: "c1", action: "CREATE" as const },
  { id: "s1", action: "SKIP" as const },
];

describe("the preview's action filter and pages", () => {
  it("offers only the actions present, in a fixed order", () => {
    expect(actionsPresent(items)).toEqual(["CREATE", "UPDATE", "SKIP"]);
  });

  it("pages what matches the filter and keeps a page number in range", () => {
    expect(filterAndPage(items, "ALL", 1)).toMatchObject({ pages: 2, matching: 32 });
    expect(filterAndPage(items, "ALL", 2).rows).toHaveLength(32 - ROWS_PER_PAGE);
    expect(filterAndPage(items, "SKIP", 5)).toEqual({ rows: [{ id: "s1", action: "SKIP" }], pages: 1, matching: 1 });
  });
});
