import { describe, expect, it } from "vitest";
import type { ScopeBackupItem } from "./documents";
import { groupScopeItems, matchesSearch, selectionState, toggleAll, toScopeInput } from "./scopeSelection";
import { reachableStep } from "./wizardSteps";

function item(id: string, objectType: string, extra: Partial<ScopeBackupItem> = {}): ScopeBackupItem {
  return {
    __typename: "BackupItem",
    id,
    objectType,
    displayName: `Item ${id}`,
    isFoundation: false,
    previewOnly: false,
    gaps: [],
    ...extra,
  };
}

const items = [
  item("p1", "deviceConfigurations"),
  item("p2", "deviceConfigurations"),
  item("t1", "roleScopeTags", { isFoundation: true }),
  item("i1", "intents", { previewOnly: true, displayName: "Baseline" }),
];

describe("scope selection", () => {
  it("groups by type with foundation types first", () => {
    expect(groupScopeItems(items).map((group) => group.objectType)).toEqual(["roleScopeTags", "deviceConfigurations", "intents"]);
  });

  it("matches the search on name or type, case-insensitively", () => {
    expect(items.filter((entry) => matchesSearch(entry, "BASE")).map((entry) => entry.id)).toEqual(["i1"]);
    expect(items.filter((entry) => matchesSearch(entry, "scopetag")).map((entry) => entry.id)).toEqual(["t1"]);
    expect(items.filter((entry) => matchesSearch(entry, "  ")).length).toBe(4);
  });

  it("reports all / some / none and toggles a whole set of ids", () => {
    const selected = toggleAll(new Set(), ["p1", "p2"], true);
    expect(selectionState(["p1", "p2"], selected)).toBe("all");
    expect(selectionState(["p1", "p2", "t1"], selected)).toBe("some");
    expect(selectionState(["t1"], selected)).toBe("none");
    expect([...toggleAll(selected, ["p2"], false)]).toEqual(["p1"]);
  });

  it("sends select-all, whole types and single items as the smallest input", () => {
    expect(toScopeInput(items, new Set(items.map((entry) => entry.id)))).toEqual({ selectAll: true, objectTypes: [], backupItemIds: [] });
    expect(toScopeInput(items, new Set(["p1", "p2", "t1"]))).toEqual({
      selectAll: false,
      objectTypes: ["roleScopeTags", "deviceConfigurations"],
      backupItemIds: [],
    });
    expect(toScopeInput(items, new Set(["p1", "i1"]))).toEqual({ selectAll: false, objectTypes: ["intents"], backupItemIds: ["p1"] });
    expect(toScopeInput([], new Set())).toEqual({ selectAll: false, objectTypes: [], backupItemIds: [] });
  });
});

describe("reachableStep", () => {
  it("follows the status: later steps open only once the earlier ones hold", () => {
    expect(reachableStep(null)).toBe(0);
    expect(reachableStep("DRAFT")).toBe(1);
    expect(reachableStep("SCOPED")).toBe(2);
    expect(reachableStep("CHECKED")).toBe(3);
    expect(reachableStep("PREVIEWED")).toBe(4);
    expect(reachableStep("QUEUED")).toBe(5);
    expect(reachableStep("COMPLETED")).toBe(5);
  });
});
