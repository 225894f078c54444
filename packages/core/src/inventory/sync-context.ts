import { z } from "zod";

/**
 * What an inventory.sync run keeps in its context while it works: the resume cursor and the
 * provider totals its adapter needs as evidence.
 */
export const inventorySyncContext = z.object({
  types: z.array(z.string()).default([]),
  completedTypes: z.array(z.string()).default([]),
  providerTotals: z.record(z.string(), z.number()).default({}),
  /** The provider's own total per type (`@odata.count`), where it gave one. */
  reportedCounts: z.record(z.string(), z.number()).default({}),
  /** Where to resume inside the type being read when a worker died mid-type. */
  cursor: z
    .object({ type: z.string(), nextLink: z.string().nullable(), pageIndex: z.number(), seen: z.number(), reported: z.number().optional() })
    .optional(),
  executionFinishedAt: z.string().optional(),
});

export type InventorySyncContext = z.output<typeof inventorySyncContext>;
