/**
 * The provider's acceptance of a write arrives as JSON text (its id and version, maybe a request
 * id). The table shows "id · version" when it can, else the text as sent.
 */
export function describeAcceptance(raw: string): string {
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
      const { id, version } = parsed as { id?: unknown; version?: unknown };
      const parts = [id, version].filter((part) => part !== undefined && part !== null && part !== "").map(String);
      if (parts.length > 0) return parts.join(" · ");
    }
  } catch {
    // Not JSON: shown as it is.
  }
  return raw;
}
