// The slice of OData `$filter` that name lookups need: `displayName eq 'x'` and
// `startswith(displayName,'x')`, with OData's quote escaping (`''`). Comparison ignores case, as
// Graph's string comparisons in `$filter` do.

export interface NameFilter {
  property: string;
  op: "eq" | "startswith";
  value: string;
}

const LITERAL = "'((?:[^']|'')*)'";
const EQ = new RegExp(`^\\s*([A-Za-z]+)\\s+eq\\s+${LITERAL}\\s*$`);
const STARTS_WITH = new RegExp(`^\\s*startswith\\(\\s*([A-Za-z]+)\\s*,\\s*${LITERAL}\\s*\\)\\s*$`, "i");

/** The parsed filter, or undefined for anything else (the caller decides between 400 and ignoring it). */
export function parseNameFilter(filter: string): NameFilter | undefined {
  const eq = EQ.exec(filter);
  if (eq) return { property: eq[1] as string, op: "eq", value: unquote(eq[2] as string) };
  const startsWith = STARTS_WITH.exec(filter);
  if (startsWith) return { property: startsWith[1] as string, op: "startswith", value: unquote(startsWith[2] as string) };
  return undefined;
}

export function matchesNameFilter(filter: NameFilter, item: Record<string, unknown>): boolean {
  const actual = item[filter.property];
  if (typeof actual !== "string") return false;
  const [left, right] = [actual.toLowerCase(), filter.value.toLowerCase()];
  return filter.op === "eq" ? left === right : left.startsWith(right);
}

function unquote(literal: string): string {
  return literal.replaceAll("''", "'");
}
