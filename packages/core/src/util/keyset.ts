import { ValidationError } from "../errors.ts";

/** The position of a row in a newest-first list: its creation time and id, unique together. */
export interface ListPosition {
  createdAt: Date;
  id: string;
}

/**
 * The rows of a newest-first list (ordered by created_at desc, id desc) strictly past a cursor row:
 * older ones when paging forwards, newer ones when paging backwards. The plain `createdAt` bound
 * lets PostgreSQL start the index scan at the cursor, so a deep page costs what the first one does;
 * the OR only settles ties within the cursor's millisecond.
 */
export function keysetWhere(position: unknown, direction: "older" | "newer") {
  const { createdAt, id } = parseListPosition(position);
  return direction === "older"
    ? { createdAt: { lte: createdAt }, OR: [{ createdAt: { lt: createdAt } }, { id: { lt: id } }] }
    : { createdAt: { gte: createdAt }, OR: [{ createdAt: { gt: createdAt } }, { id: { gt: id } }] };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A cursor's position, checked: a forged or damaged cursor is bad input, not a database error. */
function parseListPosition(position: unknown): ListPosition {
  const { createdAt, id } = (position ?? {}) as Partial<Record<keyof ListPosition, unknown>>;
  if (!(createdAt instanceof Date) || Number.isNaN(createdAt.getTime()) || typeof id !== "string" || !UUID.test(id)) {
    throw new ValidationError("The cursor is not valid for this list.");
  }
  return { createdAt, id };
}
