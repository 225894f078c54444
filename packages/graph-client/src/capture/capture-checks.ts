// Completeness checks of a capture, one per kind of sub-resource in the contract registry. Each
// returns the gaps it found; messages carry counts and page numbers, never URLs or tokens.

import type { SubResource } from "../contract-types.ts";
import type { GraphObject } from "../graph-client.ts";
import { CAPTURE_GAP_CODES, type CaptureGap } from "./capture-types.ts";
import type { CollectedPages } from "./page-collector.ts";

type CollectionResource = Extract<SubResource, { kind: "collection" }>;
type ExpandResource = Extract<SubResource, { kind: "expand" }>;
type DetailResource = Extract<SubResource, { kind: "detailProperties" }>;

/**
 * What went wrong while paging, in words: fewer items than the provider's `@odata.count` (the only
 * way to notice a dropped LAST page, which carries no nextLink), dropped pages and where paging stopped.
 */
function pagingProblems(collected: CollectedPages, checkReportedCount = true): string[] {
  const problems: string[] = [];
  const reported = collected.reportedCount;
  if (checkReportedCount && reported !== undefined && collected.items.length !== reported) {
    problems.push(`captured ${collected.items.length} of ${reported} (@odata.count)`);
  }
  if (collected.droppedPages.length > 0) {
    const pages = collected.droppedPages.join(", ");
    problems.push(`page ${pages} stayed empty after retries although more pages followed`);
  }
  if (collected.error) {
    const status = collected.error.status === 0 ? "no response" : `HTTP ${collected.error.status}`;
    problems.push(`paging stopped at page ${collected.pagesRead + 1} (${status}, ${collected.error.code})`);
  }
  return problems;
}

/**
 * Settings (and other sub-collections): every page read, and the provider's total met. The total is
 * the object's own counter (`settingCount`) where the type has one, else the collection's `@odata.count`.
 */
export function collectionGaps(
  sub: CollectionResource,
  raw: GraphObject,
  collected: CollectedPages,
): { gaps: CaptureGap[]; expected?: number } {
  const total = sub.totalProperty === undefined ? undefined : raw[sub.totalProperty];
  const ownTotal = typeof total === "number" ? total : undefined;
  const expected = ownTotal ?? collected.reportedCount;
  const captured = collected.items.length;
  const problems = pagingProblems(collected, ownTotal === undefined);
  if (ownTotal !== undefined && captured !== ownTotal) problems.unshift(`captured ${captured} of ${ownTotal} (${sub.totalProperty})`);
  if (problems.length === 0) return expected === undefined ? { gaps: [] } : { gaps: [], expected };
  const code = sub.isSettings ? CAPTURE_GAP_CODES.settingsIncomplete : CAPTURE_GAP_CODES.subResourceIncomplete;
  const counts = expected === undefined ? { captured } : { expected, captured };
  const gap: CaptureGap = { code, subResource: sub.key, message: `${sub.key}: ${problems.join("; ")}.`, ...counts };
  return expected === undefined ? { gaps: [gap] } : { gaps: [gap], expected };
}

/** The per-item collection of one item (ADMX presentation values of one definition value). */
export function perItemGaps(sub: CollectionResource, itemId: string, collected: CollectedPages): CaptureGap[] {
  const problems = pagingProblems(collected);
  if (problems.length === 0 || !sub.perItem) return [];
  const key = `${sub.key}.${sub.perItem.key}`;
  return [
    {
      code: CAPTURE_GAP_CODES.subResourceIncomplete,
      subResource: key,
      message: `${key} of ${sub.key} item ${itemId}: ${problems.join("; ")}.`,
      captured: collected.items.length,
    },
  ];
}

export function assignmentGaps(collected: CollectedPages): CaptureGap[] {
  const problems = pagingProblems(collected);
  if (problems.length === 0) return [];
  return [
    {
      code: CAPTURE_GAP_CODES.assignmentsIncomplete,
      subResource: "assignments",
      message: `assignments: ${problems.join("; ")}.`,
      captured: collected.items.length,
    },
  ];
}

/** An expanded navigation property must be there, with its nested collection, and not paged away. */
export function expansionGaps(sub: ExpandResource, raw: GraphObject): CaptureGap[] {
  const value = raw[sub.key];
  const gap = (problem: string): CaptureGap[] => [
    { code: CAPTURE_GAP_CODES.expansionMissing, subResource: sub.key, message: `${sub.key}: ${problem} ($expand=${sub.expand}).` },
  ];
  if (sub.single)
    return typeof value === "object" && value !== null && !Array.isArray(value) ? [] : gap("missing from the answer to GET by id");
  if (!Array.isArray(value)) return gap("missing from the answer to GET by id");
  if (raw[`${sub.key}@odata.nextLink`] !== undefined) return gap("the expanded collection was truncated by the server");
  if (value.length < (sub.minItems ?? 0)) return gap(`${value.length} item(s), at least ${sub.minItems} expected`);
  if (sub.nestedKey) {
    const nestedKey = sub.nestedKey;
    const lacking = value.filter((item) => !Array.isArray((item as Record<string, unknown> | null)?.[nestedKey])).length;
    if (lacking > 0) return gap(`${lacking} item(s) came without ${nestedKey}`);
  }
  return [];
}

/**
 * Detail-only properties (script content) must be present after GET by id: `null` is what the LIST
 * answers, so a null here means the content was never really read.
 */
export function detailPropertyGaps(sub: DetailResource, raw: GraphObject): CaptureGap[] {
  const gaps: CaptureGap[] = [];
  for (const { name, required } of sub.properties) {
    const value = raw[name];
    const missing = required ? typeof value !== "string" || value === "" : value === undefined || value === null;
    if (missing) {
      gaps.push({
        code: CAPTURE_GAP_CODES.contentMissing,
        subResource: name,
        message: `${name}: ${required ? "missing or empty" : "missing"} after GET by id.`,
      });
    }
  }
  return gaps;
}
