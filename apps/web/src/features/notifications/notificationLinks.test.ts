import { describe, expect, it } from "vitest";
import { inAppPath } from "./notificationLinks";

describe("inAppPath", () => {
  const origin = "https://atlas.example";
  it("keeps relative app paths", () => {
    expect(inAppPath("/runs/abc", origin)).toBe("/runs/abc");
  });
  it("reduces same-origin absolute links to their path", () => {
    expect(inAppPath("https://atlas.example/runs/abc?x=1", origin)).toBe("/runs/abc?x=1");
  });
  it("refuses foreign and protocol-relative links", () => {
    expect(inAppPath("https://evil.example/runs/abc", origin)).toBeNull();
    expect(inAppPath("//evil.example/x", origin)).toBeNull();
    expect(inAppPath(null, origin)).toBeNull();
  });
});
