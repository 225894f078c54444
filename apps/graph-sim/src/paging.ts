// Server-driven paging like Graph: `$top` (clamped to the collection's maximum), an absolute
// `@odata.nextLink` carrying an opaque `$skiptoken`, and `@odata.count` only when `$count=true`.

export interface PageSizing {
  defaultSize: number;
  maxSize: number;
  /** Settings lists ignore $top: always this many per page (25), as Graph does. */
  fixedSize?: number;
}

export interface PageRequest {
  offset: number;
  size: number;
  /** 1-based index of the page being served (what dropPage faults target). */
  pageNumber: number;
}

interface SkipTokenState {
  o: number;
  p: number;
}

export function encodeSkipToken(offset: number, pageNumber: number): string {
  return Buffer.from(JSON.stringify({ o: offset, p: pageNumber } satisfies SkipTokenState)).toString("base64url");
}

function decodeSkipToken(token: string): SkipTokenState | undefined {
  try {
    const state = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as Partial<SkipTokenState>;
    if (Number.isInteger(state.o) && Number.isInteger(state.p) && (state.o as number) >= 0 && (state.p as number) >= 1) {
      return state as SkipTokenState;
    }
  } catch {
    // falls through: a tampered or foreign token is a client error, reported by the caller
  }
  return undefined;
}

export function readPageRequest(query: URLSearchParams, sizing: PageSizing): PageRequest | { error: string } {
  let size = sizing.fixedSize ?? sizing.defaultSize;
  const top = query.get("$top");
  if (top !== null && sizing.fixedSize === undefined) {
    if (!/^\d+$/.test(top) || Number(top) < 1) return { error: `Invalid value '${top}' for query option $top.` };
    size = Math.min(Number(top), sizing.maxSize);
  }
  const skipToken = query.get("$skiptoken");
  if (skipToken === null) return { offset: 0, size, pageNumber: 1 };
  const state = decodeSkipToken(skipToken);
  if (!state) return { error: "The $skiptoken is invalid or expired." };
  return { offset: state.o, size, pageNumber: state.p };
}

export interface PageContext {
  /** Absolute `@odata.context` URL. */
  contextUrl: string;
  /** Absolute URL of the collection without query, e.g. `http://127.0.0.1:4010/beta/deviceManagement/x`. */
  collectionUrl: string;
  rawQuery: string;
  /** When true the page's items are withheld (dropPage fault) but paging continues. */
  drop: boolean;
  /** Answer `@odata.count`: the total of the whole collection, even when this page's items are withheld. */
  count: boolean;
}

export function pagedBody(items: readonly unknown[], page: PageRequest, context: PageContext): Record<string, unknown> {
  const end = page.offset + page.size;
  const body: Record<string, unknown> = { "@odata.context": context.contextUrl };
  if (context.count) body["@odata.count"] = items.length;
  if (end < items.length) body["@odata.nextLink"] = nextLink(context, encodeSkipToken(end, page.pageNumber + 1));
  body.value = context.drop ? [] : items.slice(page.offset, end);
  return body;
}

/** Keeps the caller's other query options ($top, $count, ...) and swaps in the new $skiptoken. */
function nextLink(context: PageContext, skipToken: string): string {
  const kept = context.rawQuery.split("&").filter((part) => part !== "" && !/^(\$|%24)skiptoken=/i.test(part));
  return `${context.collectionUrl}?${[...kept, `$skiptoken=${skipToken}`].join("&")}`;
}
