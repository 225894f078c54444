// The small path language of the contract registry (see PayloadPath in contract-types.ts):
// `assignments[].target.@odata.type`. It is interpreted here only, for normalization, sort keys and
// foundation references, so its rules cannot drift between those uses.

import type { PayloadPath } from "../contract-types.ts";

export type PathTokens = readonly string[];
export const EACH = "[]";

/** `@odata.type` stays one token although it contains a dot. */
export function parsePath(path: PayloadPath): PathTokens {
  return path.match(/@odata\.[A-Za-z]+|\[\]|[^.[\]]+/g) ?? [];
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Every value at the path (arrays fan out at `[]`); missing properties contribute nothing. */
export function valuesAt(node: unknown, tokens: PathTokens): unknown[] {
  const [head, ...rest] = tokens;
  if (head === undefined) return [node];
  if (head === EACH) return Array.isArray(node) ? node.flatMap((element) => valuesAt(element, rest)) : [];
  return isRecord(node) && head in node ? valuesAt(node[head], rest) : [];
}

/** Calls `visit(container, key)` for every object that holds the path's last property. */
export function forEachHolder(node: unknown, tokens: PathTokens, visit: (holder: Record<string, unknown>, key: string) => void): void {
  const [head, ...rest] = tokens;
  if (head === undefined) return;
  if (head === EACH) {
    if (Array.isArray(node)) for (const element of node) forEachHolder(element, rest, visit);
    return;
  }
  if (!isRecord(node)) return;
  if (rest.length === 0) visit(node, head);
  else forEachHolder(node[head], rest, visit);
}

export function samePath(a: PathTokens, b: PathTokens): boolean {
  return a.length === b.length && a.every((token, index) => token === b[index]);
}
