import type { ScopeBackupItem } from "./documents";

export interface ScopeGroup {
  objectType: string;
  items: ScopeBackupItem[];
}

/** Items grouped by object type in the API's order; foundation types first, as restore runs them. */
export function groupScopeItems(items: readonly ScopeBackupItem[]): ScopeGroup[] {
  const groups = new Map<string, ScopeBackupItem[]>();
  for (const item of items) {
    const group = groups.get(item.objectType);
    if (group) group.push(item);
    else groups.set(item.objectType, [item]);
  }
  const all = [...groups].map(([objectType, grouped]) => ({ objectType, items: grouped }));
  const isFoundationGroup = (group: ScopeGroup) => group.items.every((item) => item.isFoundation);
  return [...all.filter(isFoundationGroup), ...all.filter((group) => !isFoundationGroup(group))];
}

/** Case-insensitive match on the display name or the object type. */
export function matchesSearch(item: ScopeBackupItem, search: string): boolean {
  const needle = search.trim().toLowerCase();
  if (!needle) return true;
  return item.displayName.toLowerCase().includes(needle) || item.objectType.toLowerCase().includes(needle);
}

export type SelectionState = "all" | "some" | "none";

export function selectionState(ids: readonly string[], selected: ReadonlySet<string>): SelectionState {
  const count = ids.filter((id) => selected.has(id)).length;
  if (count === 0) return "none";
  return count === ids.length ? "all" : "some";
}

/** Adds or removes every id at once (a type, the search result, or everything). */
export function toggleAll(selected: ReadonlySet<string>, ids: readonly string[], on: boolean): Set<string> {
  const next = new Set(selected);
  for (const id of ids) {
    if (on) next.add(id);
    else next.delete(id);
  }
  return next;
}

export interface ScopeSelectionInput {
  selectAll: boolean;
  objectTypes: string[];
  backupItemIds: string[];
}

/**
 * The smallest scope input for a selection: everything is `selectAll`, a fully selected type is
 * that type, the rest are item ids.
 */
export function toScopeInput(items: readonly ScopeBackupItem[], selected: ReadonlySet<string>): ScopeSelectionInput {
  if (items.length > 0 && items.every((item) => selected.has(item.id))) {
    return { selectAll: true, objectTypes: [], backupItemIds: [] };
  }
  const objectTypes: string[] = [];
  const backupItemIds: string[] = [];
  for (const group of groupScopeItems(items)) {
    const ids = group.items.map((item) => item.id);
    const state = selectionState(ids, selected);
    if (state === "all") objectTypes.push(group.objectType);
    else if (state === "some") backupItemIds.push(...ids.filter((id) => selected.has(id)));
  }
  return { selectAll: false, objectTypes, backupItemIds };
}
