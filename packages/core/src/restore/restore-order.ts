import type { Db } from "@atlas/db";
import { allContracts, contractFor, isContractKey, writtenStateOf } from "@atlas/graph-client";

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

/** Types a restore writes in a safe state unless the operator switches an object on (Conditional Access). */
export function canBeSwitchedOn(objectType: string): boolean {
  return isContractKey(objectType) && contractFor(objectType).enforcement !== undefined;
}

/**
 * The state a restore item of a switchable type is written in (report-only unless switched on, a
 * disabled policy stays disabled); null for every other type.
 */
export async function writtenStateOfRestoreItem(
  db: Db,
  item: { objectType: string; backupItemId: string; switchedOn: boolean },
): Promise<string | null> {
  if (!isContractKey(item.objectType) || !canBeSwitchedOn(item.objectType)) return null;
  const backupItem = await db.backupItem.findUnique({
    where: { id: item.backupItemId },
    select: { policyVersion: { select: { rawPayload: true } } },
  });
  const document = (backupItem?.policyVersion.rawPayload ?? {}) as Record<string, unknown>;
  return writtenStateOf(item.objectType, document, item.switchedOn) ?? null;
}
