import { createHash, randomBytes } from "node:crypto";

/** Opaque random secrets (session ids, API tokens); only their sha256 is ever stored. */
export function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString("base64url")}`;
}

export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}
