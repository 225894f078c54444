import diff from "microdiff";

export interface SettingChange {
  kind: "added" | "removed" | "changed";
  /** Readable path, e.g. `settings[device_vendor_msft_policy_config_defender_allowarchivescanning].value`. */
  path: string;
  before: unknown;
  after: unknown;
}

// Arrays of objects with one of these keys are unordered collections of identifiable things:
// comparing them by position would report every later element as changed after one insertion.
const IDENTITY_KEYS = ["settingDefinitionId", "definitionId", "target", "id", "displayName", "name"] as const;

/** Key order must not change an identity (a target read back from Graph lists its keys differently) nor a fingerprint. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${stableJson(inner)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function identityOf(item: unknown): string | undefined {
  if (!item || typeof item !== "object") return undefined;
  const record = item as Record<string, unknown>;
  const nested = record.settingInstance as Record<string, unknown> | undefined;
  if (typeof nested?.settingDefinitionId === "string") return nested.settingDefinitionId;
  for (const key of IDENTITY_KEYS) {
    const value = record[key];
    if (typeof value === "string") return value;
    if (value && typeof value === "object") return stableJson(value);
  }
  return undefined;
}

/** Turns identifiable arrays into maps keyed by identity, recursively. */
export function keyed(value: unknown): unknown {
  if (Array.isArray(value)) {
    const ids = value.map(identityOf);
    if (value.length > 0 && ids.every((id) => id !== undefined) && new Set(ids).size === ids.length) {
      return Object.fromEntries(value.map((item, index) => [`[${ids[index]}]`, keyed(item)]));
    }
    return value.map(keyed);
  }
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, keyed(inner)]));
  }
  return value;
}

function renderPath(path: (string | number)[]): string {
  return path.reduce<string>((text, part) => {
    if (typeof part === "number") return `${text}[${part}]`;
    if (part.startsWith("[")) return `${text}${part}`;
    return text ? `${text}.${part}` : part;
  }, "");
}

/** The structural difference of two normalized payloads, as changed settings. */
export function diffNormalizedPayloads(before: unknown, after: unknown): SettingChange[] {
  const from = keyed(before) as Record<string, unknown>;
  const to = keyed(after) as Record<string, unknown>;
  return diff(from ?? {}, to ?? {}).map((change) => {
    const path = renderPath(change.path);
    if (change.type === "CREATE") return { kind: "added", path, before: null, after: change.value };
    if (change.type === "REMOVE") return { kind: "removed", path, before: change.oldValue, after: null };
    return { kind: "changed", path, before: change.oldValue, after: change.value };
  });
}
