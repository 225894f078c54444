import { describe, expect, it } from "vitest";
import type { BackupItemRow } from "./documents";
import { groupItemsByType } from "./groupItems";

function item(id: string, objectType: string): BackupItemRow {
  return { id, objectType, displayName: id, providerId: id, isFoundation: false, gaps: [], policyVersion: null };
}

describe("groupItemsByType", () => {
  it("groups by type in first-seen order, keeping item order", () => {
    const groups = groupItemsByType([item("a", "roleScopeTags"), item("b", "intents"), item("c", "roleScopeTags")]);
    expect(groups.map((group) => [group.objectType, group.items.map((i) => i.id)])).toEqual([
      ["roleScopeTags", ["a", "c"]],
      ["intents", ["b"]],
    ]);
  });
});
