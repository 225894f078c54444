// Body checks for Graph collection pages, shared by listing (http-graph-client.ts) and capture.

import { z } from "zod";
import type { BodyProblem } from "./http-transport.ts";

export const pageSchema = z.object({
  value: z.array(z.record(z.string(), z.unknown())),
  "@odata.nextLink": z.string().optional(),
  /** Only with `$count=true`: the provider's total over all pages. */
  "@odata.count": z.number().int().nonnegative().optional(),
});

export type PageBody = z.infer<typeof pageSchema>;

/** An empty page that still links to a next one: the server lost that page's items. */
export function isEmptyPromisingMore(page: PageBody): boolean {
  return page.value.length === 0 && page["@odata.nextLink"] !== undefined;
}

/**
 * An EMPTY page that still has a nextLink means the server lost that page's items (Intune pages
 * are filled server-side, so a real empty middle page does not happen). Following the link would
 * silently truncate the listing, so the page is fetched again; if it stays empty the read fails
 * (completeness beats a quiet gap in a backup).
 */
export function checkPage(body: unknown): BodyProblem | undefined {
  const page = pageSchema.safeParse(body);
  if (!page.success) return "malformedResponse";
  return isEmptyPromisingMore(page.data) ? "emptyPage" : undefined;
}

/** Shape only: used once a page stayed empty after all retries, to read its nextLink and go on. */
export function checkPageShape(body: unknown): BodyProblem | undefined {
  return pageSchema.safeParse(body).success ? undefined : "malformedResponse";
}

/** A single entity must be a JSON object. */
export function checkObjectBody(body: unknown): BodyProblem | undefined {
  return typeof body === "object" && body !== null && !Array.isArray(body) ? undefined : "malformedResponse";
}
