// The contract registry: the ONE place that knows Microsoft Graph endpoints for Intune object types,
// what a complete capture of each needs, which foundations it references and how its payload is
// normalized. Everything else (client, worker, restore) asks the registry instead of spelling URLs,
// so supporting a new type is one entry in CONTRACT_DEFINITIONS (contract-definitions.ts).

import { CONTRACT_DEFINITIONS } from "./contract-definitions.ts";
import type { ContractDefinition } from "./contract-types.ts";
import { parsePath, valuesAt } from "./normalize/payload-path.ts";

export type {
  ContractDefinition,
  DirectoryReference,
  FoundationDependency,
  FoundationKey,
  GraphApiVersion,
  GraphPermissions,
  NormalizationSpec,
  PayloadPath,
  RestoreEnforcement,
  RestoreSupport,
  SubResource,
  UnorderedArray,
} from "./contract-types.ts";

/** Key of a supported object type; grows automatically with CONTRACT_DEFINITIONS. */
export type ContractKey = keyof typeof CONTRACT_DEFINITIONS;

export interface ObjectContract extends ContractDefinition {
  key: ContractKey;
}

export const allContracts: readonly ObjectContract[] = deepFreeze(
  (Object.keys(CONTRACT_DEFINITIONS) as ContractKey[]).map((key): ObjectContract => ({ key, ...CONTRACT_DEFINITIONS[key] })),
);

const contractsByKey = new Map<string, ObjectContract>(allContracts.map((c) => [c.key, c]));

/** The registry is shared by every caller in the process: nobody may edit a normalization spec in place. */
function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export function isContractKey(value: string): value is ContractKey {
  return contractsByKey.has(value);
}

export function contractFor(key: ContractKey): ObjectContract {
  const contract = contractsByKey.get(key);
  // Only reachable from untyped callers (job payloads, JSON); typed callers cannot miss.
  if (!contract) throw new Error(`Unsupported object type: ${String(key)}`);
  return contract;
}

/**
 * Why this object is never written although its type is restorable (a built-in role: Microsoft's,
 * the same in every tenant, read-only), or undefined. `document` is a capture document.
 */
export function builtInReasonOf(key: ContractKey, document: Record<string, unknown>): string | undefined {
  const builtIn = contractFor(key).builtIn;
  if (!builtIn) return undefined;
  return valuesAt(document, parsePath(builtIn.path)).includes(builtIn.value ?? true) ? builtIn.reason : undefined;
}

/**
 * Why this object can only be previewed although its type is restorable (a line-of-business app
 * whose binary Graph cannot give back), or undefined. `document` is a capture document.
 */
export function previewOnlyReasonOf(key: ContractKey, document: Record<string, unknown>): string | undefined {
  const rule = contractFor(key).previewOnlyObjects;
  if (!rule) return undefined;
  return valuesAt(document, parsePath(rule.path)).some((value) => rule.values.includes(value as string)) ? rule.reason : undefined;
}

/**
 * What identifies an object by name: its name, plus its `@odata.type` where the contract says kinds
 * share names (mobile apps). Compared case-insensitively; used for target matching and reference maps.
 */
export function identityKeyOf(key: ContractKey, name: string, odataType: unknown): string {
  const normalized = name.trim().toLowerCase();
  return contractFor(key).identityIncludesODataType ? `${String(odataType ?? "")}|${normalized}` : normalized;
}

// Path builders. They return version-rooted paths (`/beta/deviceManagement/...`) that the client
// resolves against its graphUrl; ids are encoded so a hostile id cannot walk to another endpoint.

export function collectionPathOf(contract: ObjectContract): string {
  return `/${contract.apiVersion}/${contract.collectionPath}`;
}

export function objectPathOf(contract: ObjectContract, id: string): string {
  return `${collectionPathOf(contract)}/${encodeURIComponent(id)}`;
}

export function assignmentsPathOf(contract: ObjectContract, id: string): string {
  if (!contract.hasAssignments) throw new Error(`${contract.key} has no assignments`);
  return `${objectPathOf(contract, id)}/assignments`;
}

/** `POST` target that replaces all assignments of an object. */
export function assignActionPathOf(contract: ObjectContract, id: string): string {
  if (!contract.hasAssignments) throw new Error(`${contract.key} has no assignments`);
  return `${objectPathOf(contract, id)}/assign`;
}

export function settingsPathOf(contract: ObjectContract, id: string): string {
  if (!contract.hasSettings) throw new Error(`${contract.key} has no settings collection`);
  return `${objectPathOf(contract, id)}/settings`;
}

/** A contained collection of the object (`definitionValues`, `localizedNotificationMessages` ...), or the per-item collection below one of its items. */
export function subCollectionPathOf(contract: ObjectContract, id: string, key: string, below?: { itemId: string; key: string }): string {
  const sub = contract.subResources.find((candidate) => candidate.kind === "collection" && candidate.key === key);
  if (sub?.kind !== "collection") throw new Error(`${contract.key} has no sub-collection ${key}`);
  if (below && sub.perItem?.key !== below.key) throw new Error(`${contract.key}.${key} items have no sub-collection ${below.key}`);
  const collection = `${objectPathOf(contract, id)}/${encodeURIComponent(key)}`;
  return below ? `${collection}/${encodeURIComponent(below.itemId)}/${encodeURIComponent(below.key)}` : collection;
}
