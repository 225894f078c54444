/**
 * Failures and metadata shown to users or stored in runs must never carry secrets, tokens, signed
 * URLs, SQL or stack traces. These helpers keep only a short, scrubbed message.
 */
const SECRET_PATTERNS: RegExp[] = [
  /Bearer\s+[A-Za-z0-9._~+/=-]+/gi,
  /\b(atl|ses)_[A-Za-z0-9_-]{10,}/g,
  /(client_secret|password|access_token|refresh_token|token|sig|signature|secret)=([^&\s]+)/gi,
  /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g,
];
const SECRET_KEYS = /secret|password|token|authorization|cookie|credential/i;
const MAX_MESSAGE = 300;

export function sanitizeMessage(message: string): string {
  let text = message.split("\n")[0] ?? "";
  for (const pattern of SECRET_PATTERNS) text = text.replace(pattern, "[redacted]");
  // SQL text and driver internals are never shown: a generic message says what happened instead.
  if (/\b(select|insert|update|delete)\b.*\b(from|into|set)\b/i.test(text)) text = "A database operation failed.";
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text;
}

export function sanitizeRecord(value: unknown, depth = 0): unknown {
  if (depth > 6) return "[truncated]";
  if (typeof value === "string") return sanitizeMessage(value);
  if (Array.isArray(value)) return value.slice(0, 100).map((item) => sanitizeRecord(item, depth + 1));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] = SECRET_KEYS.test(key) ? "[redacted]" : sanitizeRecord(inner, depth + 1);
    }
    return out;
  }
  return value;
}
