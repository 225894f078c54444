// A deliberately small restore engine for the provider tests: match by name, create or update,
// sub-resource writes, assignments, then verification by read-back hash. It shows how the write
// API is meant to be driven; the product's engine (worker, restore.execute) adds persistence,
// resumption and proof on top.

import type { ContractKey } from "../contracts.ts";
import { allContracts, builtInReasonOf, contractFor, previewOnlyReasonOf } from "../contracts.ts";
import type { GraphClient, GraphObject } from "../graph-client.ts";
import { contentHash } from "../normalize/canonical-json.ts";
import { normalizePayload } from "../normalize/normalize-payload.ts";
import type { IdMap, ReferenceKind, RestoreMode, UnmappedReference } from "../restore/restore-types.ts";

/** Foundations in registry order: scope tags first, since the others carry scope tags too. */
export const FOUNDATION_ORDER: readonly ContractKey[] = allContracts.filter((c) => c.isFoundation).map((c) => c.key);
export const RESTORABLE_POLICIES: readonly ContractKey[] = allContracts
  .filter((c) => !c.isFoundation && c.restoreSupport === "full")
  .map((c) => c.key);

export interface SourceItem {
  typeKey: ContractKey;
  sourceId: string;
  name: string;
  /** Capture document as a backup stores it: raw with the assignments merged in. */
  document: GraphObject;
  hash: string;
}

export interface RestoredItem {
  item: SourceItem;
  mode: RestoreMode;
  targetId: string;
  unmapped: UnmappedReference[];
  /** Hash of the remapped source document: what the read-back must equal. */
  expectedHash: string;
}

/** The document and hash a backup records for one object (see backup.capture). */
export async function captureDocument(
  client: GraphClient,
  typeKey: ContractKey,
  id: string,
): Promise<{ document: GraphObject; hash: string }> {
  const captured = await client.captureObject(typeKey, id);
  const document = { ...captured.raw, assignments: captured.assignments };
  return { document, hash: contentHash(normalizePayload(typeKey, document)) };
}

/** Every restorable object of the types, as a backup records them (built-in objects left out). */
export async function captureAll(client: GraphClient, types: readonly ContractKey[]): Promise<SourceItem[]> {
  const items: SourceItem[] = [];
  for (const typeKey of types) {
    const field = contractFor(typeKey).displayNameField;
    const ids = (await client.listAll(typeKey)).map((object) => String(object.id));
    for (const outcome of await client.captureObjects(typeKey, ids)) {
      if ("error" in outcome) throw outcome.error;
      const document = { ...outcome.captured.raw, assignments: outcome.captured.assignments };
      // Built-in objects (Microsoft's roles and apps) and preview-only ones (line-of-business apps) are never restored.
      if (builtInReasonOf(typeKey, document) || previewOnlyReasonOf(typeKey, document)) continue;
      const hash = contentHash(normalizePayload(typeKey, document));
      items.push({ typeKey, sourceId: outcome.id, name: String(outcome.captured.raw[field]), document, hash });
    }
  }
  return items;
}

/** Id remap table: groups by name up front, foundations as they are restored. */
export class RemapTable {
  private readonly ids = new Map<string, string>();
  readonly idMap: IdMap = (kind, sourceId) => this.ids.get(`${kind}|${sourceId}`);

  set(kind: ReferenceKind, sourceId: string, targetId: string): void {
    this.ids.set(`${kind}|${sourceId}`, targetId);
  }

  static identity(): IdMap {
    return (_kind, sourceId) => sourceId;
  }

  /** Microsoft's built-in foundations (roles) are never restored: the target's own one of the same name stands in. */
  async mapBuiltInsByName(source: GraphClient, target: GraphClient): Promise<void> {
    for (const contract of allContracts.filter((candidate) => candidate.isFoundation && candidate.builtIn)) {
      const field = contract.displayNameField;
      const targetObjects = await target.listAll(contract.key);
      for (const object of await source.listAll(contract.key)) {
        if (!builtInReasonOf(contract.key, object)) continue;
        const match = targetObjects.find(
          (candidate) => candidate[field] === object[field] && candidate["@odata.type"] === object["@odata.type"],
        );
        if (match) this.set(contract.key as ReferenceKind, String(object.id), String(match.id));
      }
    }
  }

  async mapGroupsByName(source: GraphClient, target: GraphClient): Promise<void> {
    const targetGroups = await target.listGroups();
    for (const group of await source.listGroups()) {
      const matches = targetGroups.filter((candidate) => candidate.displayName.toLowerCase() === group.displayName.toLowerCase());
      if (matches.length === 1) this.set("groups", group.id, (matches[0] as { id: string }).id);
    }
  }
}

/** Match by name, then create or update in place, sub-resources, assignments. Ambiguity throws. */
export async function restoreItem(
  target: GraphClient,
  item: SourceItem,
  idMap: IdMap,
  options: { switchedOn?: boolean } = {},
): Promise<RestoredItem> {
  const contract = contractFor(item.typeKey);
  const named = await target.findByDisplayName(item.typeKey, item.name);
  // Where kinds share names (Outlook for iOS and for Android) the identity includes `@odata.type`.
  const matches = contract.identityIncludesODataType
    ? named.filter((candidate) => candidate["@odata.type"] === item.document["@odata.type"])
    : named;
  if (matches.length > 1) throw new Error(`Ambiguous: ${matches.length} ${item.typeKey} named '${item.name}'`);
  const mode: RestoreMode = matches.length === 1 ? "update" : "create";
  const payload = target.restorePayload(item.typeKey, item.document, { idMap, mode, ...options });
  const targetId =
    mode === "create"
      ? (await target.createObject(item.typeKey, payload.body)).id
      : (await target.updateObject(item.typeKey, String(matches[0]?.id), payload.body)).id;
  await target.writeSubResources(item.typeKey, targetId, payload.subResourceWrites);
  if (contract.hasAssignments) await target.assign(item.typeKey, targetId, payload.assignments);
  const expectedHash = contentHash(normalizePayload(item.typeKey, payload.expectedDocument));
  return { item, mode, targetId, unmapped: payload.unmapped, expectedHash };
}

/** Foundations first (recording their target ids), then every policy. */
export async function restoreAll(target: GraphClient, items: readonly SourceItem[], table: RemapTable): Promise<RestoredItem[]> {
  const restored: RestoredItem[] = [];
  for (const typeKey of [...FOUNDATION_ORDER, ...RESTORABLE_POLICIES]) {
    for (const item of items.filter((candidate) => candidate.typeKey === typeKey)) {
      const result = await restoreItem(target, item, table.idMap);
      if (contractFor(typeKey).isFoundation) table.set(typeKey as ReferenceKind, item.sourceId, result.targetId);
      restored.push(result);
    }
  }
  return restored;
}

/** Read-back hash of a restored object, computed exactly like the backup's. */
export async function readBackHash(target: GraphClient, restored: RestoredItem): Promise<string> {
  return (await captureDocument(target, restored.item.typeKey, restored.targetId)).hash;
}
