// Canonical JSON and the content hash of a normalized payload. Keys are sorted by UTF-16 code
// units (plain `<`, never localeCompare, whose order depends on the machine's locale) and numbers
// are serialized by JSON.stringify, which makes the output match RFC 8785 (JCS) for JSON data.

import { createHash } from "node:crypto";
import type { NormalizedPayload } from "./normalize-payload.ts";

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map((element) => (element === undefined ? "null" : canonicalJson(element))).join(",")}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(",")}}`;
}

/** sha256 (hex) of the canonical JSON: equal for payloads that differ only in noise or array order. */
export function contentHash(normalized: NormalizedPayload): string {
  return createHash("sha256").update(canonicalJson(normalized), "utf8").digest("hex");
}
