import { describe, expect, it } from "vitest";
import type { BackupItemRow } from "./documents";
import { groupItemsByType } from "./groupItems";

function item(id: string, objectType: string): BackupItemRow {
  const policyVersion = { __typename: "PolicyVersion", id: `v-${id}`, contentHash: "h", capturedAt: "2025-01-01T00:00:00Z" } as const;
  return { __typename: "BackupItem", id, objectType, displayName: id, providerId: id, isFoundation: false, gaps: [], policyVersion };
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
