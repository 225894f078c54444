import { decodeGlobalID, encodeGlobalID } from "@pothos/plugin-relay";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BIGINT = /^[1-9][0-9]{0,18}$/;

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
    const wellFormed = decoded.typename === "OperationRunEvent" ? BIGINT.test(decoded.id) : isUuid(decoded.id);
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
