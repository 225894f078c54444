/**
 * Pretty-prints a normalized payload line by line, each line tagged with the setting path it
 * belongs to, so the side-by-side view can highlight the paths the diff reports. Paths follow the
 * API's diff: identifiable array elements are addressed by identity (`settings[<definitionId>]`),
 * others by position (`omaSettings[0]`), object keys joined with dots.
 */
export interface PayloadLine {
  text: string;
  path: string;
}

const IDENTITY_KEYS = ["settingDefinitionId", "definitionId", "target", "id", "displayName", "name"] as const;

function identityOf(item: unknown): string | undefined {
  if (!item || typeof item !== "object" || Array.isArray(item)) return undefined;
  const record = item as Record<string, unknown>;
  const instance = record.settingInstance as Record<string, unknown> | undefined;
  if (typeof instance?.settingDefinitionId === "string") return instance.settingDefinitionId;
  for (const key of IDENTITY_KEYS) {
    const value = record[key];
    if (typeof value === "string") return value;
    if (value && typeof value === "object") return JSON.stringify(value);
  }
  return undefined;
}

/** The element keys of an array: identities when every element has a distinct one, else positions. */
function elementKeys(items: unknown[]): string[] {
  const ids = items.map(identityOf);
  const keyed = ids.every((id) => id !== undefined) && new Set(ids).size === ids.length;
  return items.map((_, index) => `[${keyed ? ids[index] : index}]`);
}

function childPath(path: string, key: string): string {
  if (key.startsWith("[")) return `${path}${key}`;
  return path ? `${path}.${key}` : key;
}

export function payloadLines(payload: unknown): PayloadLine[] {
  const lines: PayloadLine[] = [];
  const walk = (value: unknown, path: string, depth: number, label: string | null, comma: boolean) => {
    const pad = "  ".repeat(depth);
    const head = `${pad}${label === null ? "" : `${JSON.stringify(label)}: `}`;
    const tail = comma ? "," : "";
    const entries: [string, string | null, unknown][] = Array.isArray(value)
      ? elementKeys(value).map((key, index) => [key, null, value[index]])
      : value && typeof value === "object"
        ? Object.entries(value).map(([key, inner]) => [key, key, inner])
        : [];
    if (!value || typeof value !== "object") {
      lines.push({ text: `${head}${JSON.stringify(value)}${tail}`, path });
      return;
    }
    const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
    if (entries.length === 0) {
      lines.push({ text: `${head}${open}${close}${tail}`, path });
      return;
    }
    lines.push({ text: `${head}${open}`, path });
    entries.forEach(([key, childLabel, inner], index) => {
      walk(inner, childPath(path, key), depth + 1, childLabel, index < entries.length - 1);
    });
    lines.push({ text: `${pad}${close}${tail}`, path });
  };
  walk(payload, "", 0, null, false);
  return lines;
}

/** A line is highlighted when it is, or lies inside, a changed path. */
export function isChangedLine(linePath: string, changedPaths: readonly string[]): boolean {
  if (!linePath) return false;
  return changedPaths.some((changed) => linePath === changed || linePath.startsWith(`${changed}.`) || linePath.startsWith(`${changed}[`));
}

/** Parses the API's normalizedPayload text; an unparsable payload is shown as one plain line per text line. */
export function linesOfPayloadText(text: string): PayloadLine[] {
  try {
    return payloadLines(JSON.parse(text));
  } catch {
    return text.split("\n").map((line) => ({ text: line, path: "" }));
  }
}
