import type { RestoreAction } from "../../graphql/generated/graphql";

/** Rows per page of the preview and the results: a big scope stays a page, not 9,900 px. */
export const ROWS_PER_PAGE = 25;

export type ActionFilter = RestoreAction | "ALL";

/** The actions present in the items, in a fixed order, for the filter's choices. */
export function actionsPresent(items: readonly { action?: RestoreAction | null }[]): RestoreAction[] {
  const order: RestoreAction[] = ["CREATE", "UPDATE", "NO_CHANGE", "SKIP"];
  const present = new Set(items.map((item) => item.action));
  return order.filter((action) => present.has(action));
}

/** One page of the items with the chosen action, and how many pages there are (at least 1). */
export function filterAndPage<T extends { action?: RestoreAction | null }>(
  items: readonly T[],
  filter: ActionFilter,
  page: number,
): { rows: T[]; pages: number; matching: number } {
  const matching = filter === "ALL" ? items : items.filter((item) => item.action === filter);
  const pages = Math.max(1, Math.ceil(matching.length / ROWS_PER_PAGE));
  const current = Math.min(Math.max(1, page), pages);
  return { rows: matching.slice((current - 1) * ROWS_PER_PAGE, current * ROWS_PER_PAGE), pages, matching: matching.length };
}
