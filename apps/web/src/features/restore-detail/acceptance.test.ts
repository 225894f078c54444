import { describe, expect, it } from "vitest";
import { describeAcceptance } from "./acceptance";

describe("describeAcceptance", () => {
  it("shows the accepted id and version, leaving out what the provider did not return", () => {
    expect(describeAcceptance('{"id":"abc","version":"3","requestId":"r1"}')).toBe("abc · 3");
    expect(describeAcceptance('{"id":"0","version":null}')).toBe("0");
  });

  it("keeps text it cannot read as it is", () => {
    expect(describeAcceptance("accepted")).toBe("accepted");
    expect(describeAcceptance('{"requestId":"r1"}')).toBe('{"requestId":"r1"}');
  });
});
