import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors.ts";
import { BY_TYPE_AND_NAME, type ListOrder, NEWEST_CREATED, keysetPast } from "./keyset.ts";

type Row = Record<string, string | Date>;
type Bound = { gt?: unknown; gte?: unknown; lt?: unknown; lte?: unknown };

const value = (raw: unknown) => (raw instanceof Date ? raw.getTime() : (raw as string));

/** Evaluates the Prisma filter keysetPast builds (field bounds, OR) against a row, as PostgreSQL would. */
function matches(row: Row, where: Record<string, unknown>): boolean {
  return Object.entries(where).every(([field, condition]) => {
    if (field === "OR") return (condition as Array<Record<string, unknown>>).some((branch) => matches(row, branch));
    const actual = value(row[field]);
    const { gt, gte, lt, lte } = condition as Bound;
    return (
      (gt === undefined || actual > value(gt)) &&
      (gte === undefined || actual >= value(gte)) &&
      (lt === undefined || actual < value(lt)) &&
      (lte === undefined || actual <= value(lte))
    );
  });
}

function compare(order: ListOrder, a: Row, b: Row): number {
  for (const key of order) {
    const [x, y] = [value(a[key.field]), value(b[key.field])];
    if (x !== y) return (x < y ? -1 : 1) * (key.order === "asc" ? 1 : -1);
  }
  return 0;
}

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

// Few distinct values per key, so most rows tie with others on the leading keys.
const rows: Row[] = Array.from({ length: 120 }, (_, n) => ({
  scope: uuid(0),
  id: uuid((n * 37) % 120),
  createdAt: new Date(1_700_000_000_000 + (n % 7)),
  objectType: ["a", "b", "c"][n % 3]!,
  displayName: `name ${n % 5}`,
}));

describe("keysetPast", () => {
  for (const [name, order] of [
    ["newest created first", NEWEST_CREATED],
    ["type, name, id ascending", BY_TYPE_AND_NAME],
  ] as const) {
    it(`selects exactly the rows after (or before) each cursor row: ${name}`, () => {
      const sorted = [...rows].sort((a, b) => compare(order, a, b));
      sorted.forEach((cursor, index) => {
        const forward = keysetPast<Record<string, unknown>>(cursor, order, "forward", { scope: uuid(0) });
        const backward = keysetPast<Record<string, unknown>>(cursor, order, "backward");
        expect(sorted.filter((row) => matches(row, forward))).toEqual(sorted.slice(index + 1));
        expect(sorted.filter((row) => matches(row, backward))).toEqual(sorted.slice(0, index));
      });
    });
  }

  it("refuses a damaged, forged or foreign cursor as bad input", () => {
    const cursor = rows[0]!;
    for (const position of [
      undefined,
      "text",
      { ...cursor, createdAt: "2026-01-01" },
      { ...cursor, createdAt: new Date(Number.NaN) },
      { ...cursor, id: "not-a-uuid" },
      { ...cursor, displayName: "nul\0byte" },
      { ...cursor, objectType: 7 },
    ]) {
      expect(() => keysetPast(position, BY_TYPE_AND_NAME.concat(NEWEST_CREATED), "forward")).toThrow(ValidationError);
    }
    expect(() => keysetPast(cursor, NEWEST_CREATED, "forward", { scope: uuid(1) })).toThrow(ValidationError);
    expect(() => keysetPast(cursor, NEWEST_CREATED, "forward", { scope: uuid(0) })).not.toThrow();
  });
});
