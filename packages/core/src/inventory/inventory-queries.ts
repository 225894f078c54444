import type { Db } from "@atlas/db";
import { type Actor, assertCapability } from "../access/actor.ts";
import { containsText } from "../util/search-text.ts";

export interface PolicyFilter {
  types?: string[] | null;
  search?: string | null;
  includeDisappeared?: boolean | null;
}

/** The inventory of one environment matching the filter; Forbidden without inventory.read there. */
export function inventoryWhere(actor: Actor, environment: { id: string; workspaceId: string }, filter: PolicyFilter = {}) {
  assertCapability(actor, environment.workspaceId, environment.id, "inventory.read", "Environment");
  const displayName = containsText(filter.search);
  return {
    workspaceId: environment.workspaceId,
    managedEnvironmentId: environment.id,
    ...(filter.includeDisappeared ? {} : { disappearedAt: null }),
    ...(filter.types?.length ? { objectType: { in: filter.types } } : {}),
    ...(displayName ? { displayName } : {}),
  };
}

/** Counts per type of the objects currently present (last observed). */
export async function inventoryCounts(db: Db, workspaceId: string, environmentId: string): Promise<Record<string, number>> {
  const groups = await db.inventoryItem.groupBy({
    by: ["objectType"],
    where: { workspaceId, managedEnvironmentId: environmentId, disappearedAt: null },
    _count: { _all: true },
  });
  return Object.fromEntries(groups.map((group) => [group.objectType, group._count._all]));
}
