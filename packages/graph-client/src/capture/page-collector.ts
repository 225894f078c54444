// Reads every page of a sub-collection for a capture. Unlike listAll, it does not give up on a
// page that stays empty while promising more: after the transport's own retries it reads that
// page once more without the emptiness check, records the page as dropped and follows its
// nextLink, so a backup keeps everything else and names exactly what is missing.

import type { GraphObject } from "../graph-client.ts";
import { GraphRequestError, isGraphRequestError, sanitizePath } from "../graph-request-error.ts";
import { isEmptyPromisingMore, type PageBody, pageSchema } from "../paging-checks.ts";

export interface PageSource {
  /**
   * `strict`: an empty page that promises more is retried by the transport and finally rejected
   * (GraphRequestError `emptyPage`); `lenient`: any well-formed page is accepted.
   */
  fetchPage(pathOrUrl: string, mode: "strict" | "lenient"): Promise<PageBody>;
}

export interface CollectedPages {
  items: GraphObject[];
  /** 1-based numbers of pages that stayed empty while linking to a next page: their items are missing. */
  droppedPages: number[];
  /** Pages read, including dropped ones. */
  pagesRead: number;
  /** Set when paging had to stop: the page after `pagesRead` could not be read at all. */
  error?: GraphRequestError;
  /** The provider's total (`@odata.count`, sent when the request asked `$count=true`). */
  reportedCount?: number;
}

/**
 * `prefetched` is the first page's body when it already arrived through $batch; anything unusable
 * about it (an error status, a cut-off or empty page) is settled by fetching that page again.
 */
export async function collectPages(source: PageSource, firstPath: string, prefetched?: unknown): Promise<CollectedPages> {
  const collected: CollectedPages = { items: [], droppedPages: [], pagesRead: 0 };
  let url = firstPath;
  let candidate = prefetched;
  for (;;) {
    const fromBatch = candidate === undefined ? undefined : pageSchema.safeParse(candidate);
    candidate = undefined;
    let page: PageBody;
    if (fromBatch?.success && !isEmptyPromisingMore(fromBatch.data)) {
      page = fromBatch.data;
    } else {
      try {
        page = await readPage(source, url);
      } catch (error) {
        if (!isGraphRequestError(error)) throw error;
        return { ...collected, error };
      }
      if (isEmptyPromisingMore(page)) collected.droppedPages.push(collected.pagesRead + 1);
    }
    collected.pagesRead++;
    collected.items.push(...page.value);
    collected.reportedCount ??= page["@odata.count"];
    const nextLink = page["@odata.nextLink"];
    if (nextLink === undefined) return collected;
    if (nextLink === url) {
      // A page pointing at itself would make the capture loop forever.
      return { ...collected, error: new GraphRequestError({ status: 200, code: "pagingLoop", method: "GET", path: sanitizePath(url) }) };
    }
    url = nextLink;
  }
}

async function readPage(source: PageSource, url: string): Promise<PageBody> {
  try {
    return await source.fetchPage(url, "strict");
  } catch (error) {
    // The transport already retried the empty page; one more lenient read gets its nextLink.
    if (isGraphRequestError(error) && error.code === "emptyPage") return source.fetchPage(url, "lenient");
    throw error;
  }
}
