import { ValidationError } from "../errors.ts";

/** The position of a row in a newest-first list: its creation time and id, unique together. */
export interface ListPosition {
  createdAt: Date;
  id: string;
}

/** One column of a list order: a time (a Date, kept to milliseconds), an id (uuid) or a text. */
export interface ListKey {
  field: string;
  kind: "time" | "uuid" | "text";
  order: "asc" | "desc";
}

/** A list order whose last key is unique (the id), so it names every row's place exactly. */
export type ListOrder = readonly ListKey[];

/** Newest first by creation time, ties by id: the order of runs, backups, restores, notifications. */
export const NEWEST_CREATED: ListOrder = [
  { field: "createdAt", kind: "time", order: "desc" },
  { field: "id", kind: "uuid", order: "desc" },
];

/**
 * The rows of a newest-first list (ordered by created_at desc, id desc) strictly past a cursor row:
 * older ones when paging forwards, newer ones when paging backwards. The plain `createdAt` bound
 * lets PostgreSQL start the index scan at the cursor, so a deep page costs what the first one does;
 * the OR only settles ties within the cursor's millisecond.
 */
export function keysetWhere(position: unknown, direction: "older" | "newer") {
  const { createdAt, id } = parsePosition(position, NEWEST_CREATED, {}) as unknown as ListPosition;
  return direction === "older"
    ? { createdAt: { lte: createdAt }, OR: [{ createdAt: { lt: createdAt } }, { id: { lt: id } }] }
    : { createdAt: { gte: createdAt }, OR: [{ createdAt: { gt: createdAt } }, { id: { gt: id } }] };
}

/**
 * The rows strictly past a cursor position in a list order, as a Prisma filter. Each key is bounded
 * inclusively (`>=`) before the OR that settles its ties, so the index scan starts at the cursor's
 * leading key instead of at the list's start; for (a, b, id) that is
 * `a >= A and (a > A or (b >= B and (b > B or id > ID)))`.
 * `scope` names the cursor's parts that must equal the listed scope (its workspace, user or
 * environment): a cursor from another scope is refused instead of paging someone else's list.
 */
export function keysetPast<Where extends object>(
  position: unknown,
  order: ListOrder,
  direction: "forward" | "backward",
  scope: Record<string, string> = {},
): Where {
  const values = parsePosition(position, order, scope);
  const build = (index: number): Record<string, unknown> => {
    const key = order[index]!;
    const value = values[key.field];
    const after = (key.order === "asc") === (direction === "forward");
    const strictly = { [key.field]: after ? { gt: value } : { lt: value } };
    if (index === order.length - 1) return strictly;
    return { [key.field]: after ? { gte: value } : { lte: value }, OR: [strictly, build(index + 1)] };
  };
  return build(0) as Where;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function validPart(kind: ListKey["kind"], value: unknown): boolean {
  switch (kind) {
    case "time":
      return value instanceof Date && !Number.isNaN(value.getTime());
    case "uuid":
      return typeof value === "string" && UUID.test(value);
    case "text":
      // PostgreSQL refuses a NUL byte in text: a forged one would be a database error, not bad input.
      // No length bound: the cursor repeats a stored name, however long, and the request size is bounded.
      return typeof value === "string" && !value.includes("\0");
  }
}

/** A cursor's position, checked: a forged, damaged or foreign cursor is bad input, not a database error. */
function parsePosition(position: unknown, order: ListOrder, scope: Record<string, string>): Record<string, unknown> {
  const parts = (position ?? {}) as Record<string, unknown>;
  const valid =
    typeof position === "object" &&
    order.every((key) => validPart(key.kind, parts[key.field])) &&
    Object.entries(scope).every(
      ([field, value]) => typeof parts[field] === "string" && (parts[field] as string).toLowerCase() === value.toLowerCase(),
    );
  if (!valid) throw new ValidationError("The cursor is not valid for this list.");
  return parts;
}

/** Oldest-first listing by (type, name, id): the inventory's order, grouped by object type. */
export const BY_TYPE_AND_NAME: ListOrder = [
  { field: "objectType", kind: "text", order: "asc" },
  { field: "displayName", kind: "text", order: "asc" },
  { field: "id", kind: "uuid", order: "asc" },
];

/** Newest first by capture time, ties by id: the order of policy versions. */
export const NEWEST_CAPTURED: ListOrder = [
  { field: "capturedAt", kind: "time", order: "desc" },
  { field: "id", kind: "uuid", order: "desc" },
];

/** The list order as a Prisma orderBy. */
export function orderByOf<OrderBy>(order: ListOrder): OrderBy[] {
  return order.map((key) => ({ [key.field]: key.order }) as OrderBy);
}

/**
 * The filter of one keyset page: the list's own filter and, after (or before, for a negative
 * `take`) a cursor, only the rows past it. Prisma's own cursor would look the cursor row up again
 * and skip it; this bound lets page 100 read the same index entries as page 1, and a cursor whose
 * row was deleted meanwhile still pages on.
 */
export function keysetPageWhere<Where extends object>(
  where: Where,
  position: unknown,
  take: number,
  order: ListOrder,
  scope: Record<string, string> = {},
): Where {
  if (position === undefined) return where;
  return { AND: [where, keysetPast<Where>(position, order, take < 0 ? "backward" : "forward", scope)] } as Where;
}
