import { hash, randomBytes } from "node:crypto";

/** Opaque random secrets (session ids, API tokens); only their sha256 is ever stored. */
export function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString("base64url")}`;
}

// One-shot crypto.hash: every authenticated request hashes its credential, and this skips the
// Hash object a createHash chain allocates.
export function sha256(value: string): string {
  return hash("sha256", value, "hex");
}
