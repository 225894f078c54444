import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sanitizeMessage, sanitizeRecord } from "./sanitize.ts";
import { SecretBox } from "./secret-box.ts";

describe("SecretBox", () => {
  const box = SecretBox.fromKey(randomBytes(32).toString("base64"));

  it("round-trips and never stores the plaintext", () => {
    const envelope = box.encrypt("client-secret-value");
    expect(envelope).not.toContain("client-secret-value");
    expect(box.decrypt(envelope)).toBe("client-secret-value");
  });

  it("rejects a tampered envelope and a wrong key", () => {
    const envelope = box.encrypt("value");
    const parts = envelope.split(".");
    parts[3] = Buffer.from("other").toString("base64url");
    expect(() => box.decrypt(parts.join("."))).toThrow();
    expect(() => SecretBox.fromKey(randomBytes(32).toString("base64")).decrypt(envelope)).toThrow();
  });

  it("explains a malformed key", () => {
    expect(() => SecretBox.fromKey("c2hvcnQ=")).toThrow(/32 bytes/);
  });
});

describe("sanitize", () => {
  it("removes tokens, secrets, SQL and stack traces", () => {
    expect(sanitizeMessage("failed with Bearer eyJabc.def.ghi\n    at foo (x.ts:1)")).toBe("failed with [redacted]");
    expect(sanitizeMessage("GET /token?client_secret=abc123&x=1")).not.toContain("abc123");
    expect(sanitizeMessage('insert into "users" ("email") values ($1) failed')).toBe("A database operation failed.");
    expect(sanitizeMessage("token atl_abcdefghijklmnopqrstuvwxyz leaked")).not.toContain("atl_abcdef");
  });

  it("redacts secret-looking keys in metadata", () => {
    expect(sanitizeRecord({ name: "x", clientSecret: "s", nested: { password: "p" } })).toEqual({
      name: "x",
      clientSecret: "[redacted]",
      nested: { password: "[redacted]" },
    });
  });
});
