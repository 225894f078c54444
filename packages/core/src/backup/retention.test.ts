import { describe, expect, it } from "vitest";
import { setsToRemove } from "./retention.ts";

const day = 86_400_000;
const now = new Date("2026-11-28T12:00:00Z");
const set = (
  id: string,
  daysAgo: number,
  status = "completed",
  hasGaps = false,
  trigger: "schedule" | "manual" | "pre_restore" = "schedule",
) => ({
  id,
  createdAt: new Date(now.getTime() - daysAgo * day),
  status,
  hasGaps,
  trigger,
});
const ids = (sets: { id: string }[]) => sets.map((candidate) => candidate.id);

describe("retention", () => {
  it("keeps the newest N and removes the rest", () => {
    expect(ids(setsToRemove([set("a", 1), set("b", 2), set("c", 3), set("d", 4)], { keepLast: 2 }, now))).toEqual(["c", "d"]);
  });

  it("keeps what is younger than N days", () => {
    expect(ids(setsToRemove([set("a", 1), set("b", 5), set("c", 10)], { keepDays: 7 }, now))).toEqual(["c"]);
  });

  it("keeps a set that either rule keeps when both are given", () => {
    expect(ids(setsToRemove([set("a", 1), set("b", 2), set("c", 3), set("d", 30)], { keepLast: 1, keepDays: 7 }, now))).toEqual(["d"]);
  });

  it("never removes the last completed set, nor the last gap-free one, nor a set still capturing", () => {
    const sets = [set("capturing", 0, "capturing"), set("failed", 2, "failed"), set("gappy", 20, "completed", true), set("good", 40)];
    expect(ids(setsToRemove(sets, { keepDays: 1 }, now))).toEqual(["failed"]);
  });

  it("does nothing without a rule", () => {
    expect(ids(setsToRemove([set("a", 100)], {}, now))).toEqual([]);
  });

  it("removes only the sets its schedule made; manual and pre-restore sets are not even counted", () => {
    const sets = [
      set("scheduled-new", 1),
      set("change-request", 2, "completed", false, "manual"),
      set("scheduled-old", 3),
      set("before-restore", 4, "completed", false, "pre_restore"),
      set("scheduled-oldest", 5),
    ];
    expect(ids(setsToRemove(sets, { keepLast: 1 }, now))).toEqual(["scheduled-old", "scheduled-oldest"]);
  });

  it("removes manual and pre-restore sets only when the rule explicitly includes them", () => {
    const sets = [set("scheduled-new", 1), set("change-request", 2, "completed", false, "manual"), set("scheduled-old", 3)];
    expect(ids(setsToRemove(sets, { keepLast: 1, includesManual: true }, now))).toEqual(["change-request", "scheduled-old"]);
  });
});
