import { describe, expect, it } from "vitest";
import { diffNormalizedPayloads } from "./version-diff.ts";

const setting = (id: string, value: string) => ({ settingInstance: { settingDefinitionId: id, choiceSettingValue: { value } } });

describe("policy version diff", () => {
  it("reports exactly the changed setting, by its definition id, not by position", () => {
    const before = { name: "Baseline", settings: [setting("a", "on"), setting("b", "off"), setting("c", "on")] };
    const after = { name: "Baseline", settings: [setting("a", "on"), setting("b", "on"), setting("c", "on")] };
    expect(diffNormalizedPayloads(before, after)).toEqual([
      { kind: "changed", path: "settings[b].settingInstance.choiceSettingValue.value", before: "off", after: "on" },
    ]);
  });

  it("reports an inserted setting as one addition even when it shifts the others", () => {
    const before = { settings: [setting("a", "1"), setting("c", "3")] };
    const after = { settings: [setting("a", "1"), setting("b", "2"), setting("c", "3")] };
    const changes = diffNormalizedPayloads(before, after);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ kind: "added", path: "settings[b]" });
  });

  it("matches assignments by target whatever the key order", () => {
    const before = { assignments: [{ target: { "@odata.type": "#group", groupId: "g1" } }] };
    const after = { assignments: [{ target: { groupId: "g1", "@odata.type": "#group" } }] };
    expect(diffNormalizedPayloads(before, after)).toEqual([]);
  });

  it("finds nothing between equal payloads", () => {
    expect(diffNormalizedPayloads({ a: 1, list: [1, 2] }, { a: 1, list: [1, 2] })).toEqual([]);
  });
});
