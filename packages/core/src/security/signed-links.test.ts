import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SecretBox } from "./secret-box.ts";
import { signDownloadPath, verifyDownloadPath } from "./signed-links.ts";

describe("signed download links", () => {
  const box = SecretBox.fromKey(randomBytes(32).toString("base64"));
  const parse = (link: string) => {
    const url = new URL(link, "http://x");
    return [url.pathname, url.searchParams.get("expires") ?? undefined, url.searchParams.get("sig") ?? undefined] as const;
  };

  it("accepts its own link until it expires", () => {
    const link = signDownloadPath(box, "/exports/backup-sets/abc.md", 1000, 60_000);
    expect(verifyDownloadPath(box, ...parse(link), 2000)).toBe("valid");
    expect(verifyDownloadPath(box, ...parse(link), 62_000)).toBe("expired");
  });

  it("rejects a link moved to another resource, a changed expiry or another key", () => {
    const [, expires, sig] = parse(signDownloadPath(box, "/exports/backup-sets/abc.md", 1000));
    expect(verifyDownloadPath(box, "/exports/backup-sets/other.md", expires, sig, 2000)).toBe("invalid");
    expect(verifyDownloadPath(box, "/exports/backup-sets/abc.md", String(Number(expires) + 1), sig, 2000)).toBe("invalid");
    const other = SecretBox.fromKey(randomBytes(32).toString("base64"));
    expect(verifyDownloadPath(other, "/exports/backup-sets/abc.md", expires, sig, 2000)).toBe("invalid");
  });
});
