import { describe, expect, it } from "vitest";
import { isChangedLine, payloadLines } from "./payloadLines";
import { readSettingValue } from "./settingValue";
import { pickVersionPair } from "./versionPair";

describe("readSettingValue", () => {
  it("shows scalars without JSON quoting and structures pretty-printed", () => {
    expect(readSettingValue(null)).toEqual({ kind: "absent" });
    expect(readSettingValue("true")).toEqual({ kind: "scalar", text: "true" });
    expect(readSettingValue('"allowed"')).toEqual({ kind: "scalar", text: "allowed" });
    expect(readSettingValue("12")).toEqual({ kind: "scalar", text: "12" });
    expect(readSettingValue('{"a":1}')).toEqual({ kind: "structure", text: '{\n  "a": 1\n}' });
    expect(readSettingValue("not json")).toEqual({ kind: "scalar", text: "not json" });
  });
});

describe("payloadLines", () => {
  const payload = {
    passwordRequired: true,
    settings: [
      { settingInstance: { settingDefinitionId: "defender_scan", value: 1 } },
      { settingInstance: { settingDefinitionId: "defender_cloud", value: 2 } },
    ],
    omaSettings: [{ value: 0 }],
    tags: [],
  };

  it("prints the same text as JSON.stringify(value, null, 2)", () => {
    expect(
      payloadLines(payload)
        .map((line) => line.text)
        .join("\n"),
    ).toBe(JSON.stringify(payload, null, 2));
  });

  it("tags lines with diff paths: identities for identifiable arrays, positions otherwise", () => {
    const paths = payloadLines(payload).map((line) => line.path);
    expect(paths).toContain("passwordRequired");
    expect(paths).toContain("settings[defender_cloud].settingInstance.value");
    expect(paths).toContain("omaSettings[0].value");
  });

  it("highlights a changed path and everything inside it", () => {
    const changed = ["settings[defender_cloud]", "passwordRequired"];
    const highlighted = payloadLines(payload)
      .filter((line) => isChangedLine(line.path, changed))
      .map((line) => line.text.trim());
    expect(highlighted).toEqual([
      '"passwordRequired": true,',
      "{",
      '"settingInstance": {',
      '"settingDefinitionId": "defender_cloud",',
      '"value": 2',
      "}",
      "}",
    ]);
    expect(isChangedLine("", changed)).toBe(false);
    expect(isChangedLine("passwordRequiredX", changed)).toBe(false);
  });
});

describe("pickVersionPair", () => {
  const history = [{ id: "v3" }, { id: "v2" }, { id: "v1" }];

  it("compares the newest with the previous version by default", () => {
    expect(pickVersionPair(history, null, null)).toEqual({ fromId: "v2", toId: "v3" });
  });

  it("keeps valid choices from the URL and ignores unknown ones", () => {
    expect(pickVersionPair(history, "v1", "v2")).toEqual({ fromId: "v1", toId: "v2" });
    expect(pickVersionPair(history, "elsewhere", null)).toEqual({ fromId: "v2", toId: "v3" });
  });

  it("has nothing to compare with a single version", () => {
    expect(pickVersionPair([{ id: "v1" }], null, null)).toEqual({ fromId: null, toId: "v1" });
  });
});
