import { describe, expect, it } from "vitest";
import { currentCursor, firstPage, nextPage, previousPage } from "./cursorStack";

describe("cursor stack pagination", () => {
  it("walks forward and back to the first page", () => {
    const second = nextPage(firstPage, "c50");
    const third = nextPage(second, "c100");
    expect(currentCursor(third)).toBe("c100");
    expect(currentCursor(previousPage(third))).toBe("c50");
    expect(currentCursor(previousPage(previousPage(third)))).toBeNull();
    expect(previousPage(firstPage)).toBe(firstPage);
  });

  it("stays put when the server gave no end cursor", () => {
    expect(nextPage(firstPage, null)).toBe(firstPage);
  });
});
