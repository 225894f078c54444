import { describe, expect, it } from "vitest";
import { addFiles, base64Of, pathOf } from "./importFiles";

const file = (name: string, extra: Record<string, string> = {}) => Object.assign(new File(["{}"], name), extra);

describe("files picked for a baseline import", () => {
  it("are named by their path inside the dropped or chosen folder", () => {
    expect(pathOf(file("a.json", { path: "./WINDOWS/SettingsCatalog/a.json" }))).toBe("WINDOWS/SettingsCatalog/a.json");
    expect(pathOf(file("a.json", { path: "/WINDOWS/a.json" }))).toBe("WINDOWS/a.json");
    expect(pathOf(file("b.json"))).toBe("b.json");
  });

  it("replace a file of the same path, leave out the desktop's own files and keep path order", () => {
    const first = addFiles([], [file("b.json"), file("a.json"), file(".DS_Store", { path: "./x/.DS_Store" })]);
    const again = addFiles(first, [file("b.json")]);
    expect(again.map((picked) => picked.path)).toEqual(["a.json", "b.json"]);
    expect(again[1]!.file).not.toBe(first[1]!.file);
  });

  it("encode bytes as base64 exactly, also beyond one chunk and for UTF-16 byte order marks", () => {
    const utf16 = new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]);
    expect(base64Of(utf16)).toBe(Buffer.from(utf16).toString("base64"));
    const large = new Uint8Array(100_000).map((_, index) => index % 251);
    expect(base64Of(large)).toBe(Buffer.from(large).toString("base64"));
  });
});
