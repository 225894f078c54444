import { allContracts, contractFor, isContractKey } from "@atlas/graph-client";

/**
 * Restore order, from the contract registry: foundations first (policies reference them), then
 * policies, each group in the registry's order, so execution and the per-item table are stable.
 */
const ORDER: readonly string[] = [...allContracts].sort((a, b) => Number(b.isFoundation) - Number(a.isFoundation)).map((c) => c.key);

export function contractOrder(objectType: string): number {
  const index = ORDER.indexOf(objectType);
  return index === -1 ? ORDER.length : index;
}

/** The contract registry marks types whose objects can be previewed but never written. */
export function isPreviewOnlyType(objectType: string): boolean {
  return isContractKey(objectType) && contractFor(objectType).restoreSupport === "previewOnly";
}
