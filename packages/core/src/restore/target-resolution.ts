import {
  type ContractKey,
  type GraphClient,
  type GraphObject,
  contractFor,
  identityKeyOf,
  isContractKey,
  isGraphRequestError,
} from "@atlas/graph-client";

export interface TargetResolution {
  matches: GraphObject[];
  /** How the matches were found: the item's own provider id (same tenant only) or type + name. */
  matchedBy: "id" | "name";
}

/**
 * Target objects that are this item: by provider id in the same tenant, else by type + name (and
 * `@odata.type` where kinds share names: Outlook for iOS is not Outlook for Android).
 */
export async function resolveTarget(
  client: GraphClient,
  type: ContractKey,
  providerId: string,
  displayName: string,
  sameTenant: boolean,
  odataType?: unknown,
): Promise<TargetResolution> {
  if (sameTenant) {
    try {
      return { matches: [await client.getObject(type, providerId)], matchedBy: "id" };
    } catch (error) {
      if (!isGraphRequestError(error) || error.status !== 404) throw error;
    }
  }
  const named = await client.findByDisplayName(type, displayName);
  const matches = contractFor(type).identityIncludesODataType ? named.filter((object) => object["@odata.type"] === odataType) : named;
  return { matches, matchedBy: "name" };
}

export interface ClaimingItem {
  id: string;
  displayName: string;
  /** The source object's provider id: two items may share a name, never a source id. */
  sourceId: string;
  /** The source's `@odata.type`: part of the name identity where kinds share names (mobile apps). */
  odataType?: unknown;
}

export interface TargetCollision {
  /** The item that resolved to the target first and keeps it. */
  holder: ClaimingItem;
  /** The target object both resolve to: its provider id, or the name a create would give it. */
  target: string;
  /** The target's provider id; null when both would create an object of the same name. */
  targetId: string | null;
}

const lower = (name: string) => name.trim().toLowerCase();

/**
 * One target object per restore run: each item claims the target it resolved to (its provider id,
 * and its type + name when it was found or will be created by name) before anything is written. A
 * second item that resolves to a claimed target collides: writing it would overwrite the first
 * item's object in the same run. Claims are checked and set synchronously, so items written
 * concurrently cannot both win.
 */
export class TargetClaims {
  private readonly owners = new Map<string, ClaimingItem>();

  /** Claims the item's target; returns the collision instead when another item holds it. */
  claim(
    item: ClaimingItem & { objectType: string },
    resolution: { targetId: string | null; byName: boolean },
  ): TargetCollision | undefined {
    const keys = this.keysOf(item, resolution);
    for (const key of keys) {
      const holder = this.owners.get(key);
      if (holder && holder.id !== item.id) {
        return { holder, target: resolution.targetId ?? `named "${item.displayName}" (to be created)`, targetId: resolution.targetId };
      }
    }
    for (const key of keys) this.owners.set(key, { id: item.id, displayName: item.displayName, sourceId: item.sourceId });
    return undefined;
  }

  /** After a create: the new object's id belongs to the item that created it. */
  remember(item: ClaimingItem & { objectType: string }, targetId: string): void {
    this.owners.set(`${item.objectType}:id:${targetId}`, { id: item.id, displayName: item.displayName, sourceId: item.sourceId });
  }

  private keysOf(
    item: { objectType: string; displayName: string; odataType?: unknown },
    resolution: { targetId: string | null; byName: boolean },
  ): string[] {
    const name = isContractKey(item.objectType)
      ? identityKeyOf(item.objectType, item.displayName, item.odataType)
      : lower(item.displayName);
    return [
      ...(resolution.targetId ? [`${item.objectType}:id:${resolution.targetId}`] : []),
      ...(resolution.byName || !resolution.targetId ? [`${item.objectType}:name:${name}`] : []),
    ];
  }
}

/** The collision's parts, so a client can word it in its reader's language. */
export function collisionParams(item: ClaimingItem, collision: TargetCollision): Record<string, string> {
  return {
    name: item.displayName,
    sourceId: item.sourceId,
    otherName: collision.holder.displayName,
    otherSourceId: collision.holder.sourceId,
    target: collision.targetId ?? item.displayName,
  };
}

export function collisionMessage(item: ClaimingItem, collision: TargetCollision): string {
  return `"${item.displayName}" (source ${item.sourceId}) and "${collision.holder.displayName}" (source ${collision.holder.sourceId}) resolve to the same target object ${collision.target}; restoring both would overwrite one with the other. Keep only one of them in the scope.`;
}

/** A restore item as it claims its target. */
export function claimantOf(item: {
  id: string;
  displayName: string;
  objectType: string;
  backupItem: { providerId: string; policyVersion?: { rawPayload: unknown } };
}): ClaimingItem & { objectType: string } {
  return {
    id: item.id,
    displayName: item.displayName,
    objectType: item.objectType,
    sourceId: item.backupItem.providerId,
    odataType: odataTypeOf(item.backupItem.policyVersion?.rawPayload),
  };
}

/** The `@odata.type` of a captured document (unknown when there is none). */
function odataTypeOf(document: unknown): unknown {
  return typeof document === "object" && document !== null ? (document as Record<string, unknown>)["@odata.type"] : undefined;
}
