import { ValidationError } from "../errors.ts";

/** Longest search text accepted (display names are far shorter). */
export const MAX_SEARCH_LENGTH = 200;

/**
 * A case-insensitive Prisma `contains` filter that matches the text literally: PostgreSQL's LIKE
 * would read `%` and `_` as wildcards (and a long pattern of them costs seconds), so they are
 * escaped and the length is bounded. Undefined for an empty search.
 */
export function containsText(search: string | null | undefined, field = "search") {
  const text = search?.trim();
  if (!text) return undefined;
  if (text.length > MAX_SEARCH_LENGTH || text.includes("\0")) {
    throw new ValidationError(`The search must be at most ${MAX_SEARCH_LENGTH} characters of text.`, [
      { path: [field], message: `Use at most ${MAX_SEARCH_LENGTH} characters.` },
    ]);
  }
  return { contains: text.replace(/[\\%_]/g, "\\$&"), mode: "insensitive" as const };
}
