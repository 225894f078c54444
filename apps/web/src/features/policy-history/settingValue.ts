/** How one side of a changed setting reads: absent, a plain value, or a small structure. */
export type SettingValue = { kind: "absent" } | { kind: "scalar"; text: string } | { kind: "structure"; text: string };

/**
 * The API sends before/after as JSON text. Scalars are shown as they read in the portal (no
 * quotes); only objects and arrays stay JSON, pretty-printed.
 */
export function readSettingValue(json: string | null): SettingValue {
  if (json === null) return { kind: "absent" };
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { kind: "scalar", text: json };
  }
  if (value === null) return { kind: "scalar", text: "null" };
  if (typeof value === "object") return { kind: "structure", text: JSON.stringify(value, null, 2) };
  return { kind: "scalar", text: String(value) };
}
