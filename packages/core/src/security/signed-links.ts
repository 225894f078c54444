import { createHmac, timingSafeEqual } from "node:crypto";
import type { SecretBox } from "./secret-box.ts";

/**
 * Short-lived download links (backup exports): the signature covers the path and the expiry, so a
 * link cannot be reused for another resource or after it expires. Links are bearer credentials:
 * never log them (the API's request log omits query strings of these routes).
 */
export const DOWNLOAD_LINK_TTL_MS = 5 * 60 * 1000;

function signature(box: SecretBox, path: string, expires: number): string {
  return createHmac("sha256", box.deriveKey("download-links")).update(`${path}\n${expires}`).digest("base64url");
}

export function signDownloadPath(box: SecretBox, path: string, now = Date.now(), ttlMs = DOWNLOAD_LINK_TTL_MS): string {
  const expires = now + ttlMs;
  return `${path}?expires=${expires}&sig=${signature(box, path, expires)}`;
}

export type DownloadLinkCheck = "valid" | "expired" | "invalid";

export function verifyDownloadPath(
  box: SecretBox,
  path: string,
  expires: string | undefined,
  sig: string | undefined,
  now = Date.now(),
): DownloadLinkCheck {
  const expiresAt = Number(expires);
  if (!sig || !Number.isFinite(expiresAt)) return "invalid";
  const expected = Buffer.from(signature(box, path, expiresAt));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return "invalid";
  return expiresAt < now ? "expired" : "valid";
}
