/**
 * What an inventory.sync run keeps in its context while it works: the resume cursor and the
 * provider totals its adapter needs as evidence.
 */
export interface InventorySyncContext {
  types: string[];
  completedTypes: string[];
  providerTotals: Record<string, number>;
  /** Where to resume inside the type being read when a worker died mid-type. */
  cursor?: { type: string; nextLink: string | null; pageIndex: number; seen: number };
  executionFinishedAt?: string;
}

export function readSyncContext(context: unknown): InventorySyncContext {
  const value = (context ?? {}) as Partial<InventorySyncContext>;
  return {
    types: value.types ?? [],
    completedTypes: value.completedTypes ?? [],
    providerTotals: value.providerTotals ?? {},
    cursor: value.cursor,
    executionFinishedAt: value.executionFinishedAt,
  };
}
