import { NotFoundError } from "@atlas/core";
import { decodeGlobalID, encodeGlobalID } from "@pothos/plugin-relay";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BIGINT = /^[1-9][0-9]{0,18}$/;
/** Append-only histories are keyed by a bigserial; every other entity by a uuid. */
const BIGINT_KEYED = new Set(["OperationRunEvent", "RestoreRunEvent"]);

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function toGlobalId(typename: string, id: string | bigint): string {
  return encodeGlobalID(typename, id);
}

/** `{ typename, id }` of a well-formed global id whose raw id has the right shape; undefined otherwise. */
export function parseGlobalId(globalId: string): { typename: string; id: string } | undefined {
  try {
    const decoded = decodeGlobalID(globalId);
    const wellFormed = BIGINT_KEYED.has(decoded.typename) ? BIGINT.test(decoded.id) : isUuid(decoded.id);
    return wellFormed ? decoded : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The raw id behind a global id of the expected type. A malformed id, or one of another type, is
 * treated exactly like an id that does not exist: callers answer null / NotFound for both.
 */
export function rawIdOf(globalId: string, typename: string): string | undefined {
  const parsed = parseGlobalId(globalId);
  return parsed?.typename === typename ? parsed.id.toLowerCase() : undefined;
}

/** The raw id behind a global id of the expected type; NotFound (as for an absent record) otherwise. */
export function requireRawId(globalId: string | number, typename: string, what: string): string {
  const id = rawIdOf(String(globalId), typename);
  if (!id) throw new NotFoundError(what);
  return id;
}

/** A raw id no record has. */
const NO_SUCH_ID = "00000000-0000-0000-0000-000000000000";

/**
 * Raw ids of a list argument. A malformed id stays in the list as an id no record has, so a filter
 * on it matches nothing rather than dropping it (and widening "these environments" to all).
 */
export function rawIdsOf(globalIds: readonly (string | number)[] | null | undefined, typename: string): string[] | undefined {
  return globalIds?.map((globalId) => rawIdOf(String(globalId), typename) ?? NO_SUCH_ID);
}
