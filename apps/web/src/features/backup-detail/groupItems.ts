import type { BackupItemRow } from "./documents";

export interface ItemGroup {
  objectType: string;
  items: BackupItemRow[];
}

/** Items grouped by object type, in the order the API lists them (types first seen first). */
export function groupItemsByType(items: BackupItemRow[]): ItemGroup[] {
  const groups = new Map<string, BackupItemRow[]>();
  for (const item of items) {
    const group = groups.get(item.objectType);
    if (group) group.push(item);
    else groups.set(item.objectType, [item]);
  }
  return [...groups].map(([objectType, grouped]) => ({ objectType, items: grouped }));
}
