// Which foundation objects a captured object references, read through the contract's `dependsOn`
// paths: what a backup must snapshot alongside it and what a restore must map or create first.

import type { FoundationDependency, FoundationKey } from "./contract-types.ts";
import { type ContractKey, contractFor } from "./contracts.ts";
import { forEachHolder, parsePath, valuesAt } from "./normalize/payload-path.ts";

export interface FoundationReference {
  foundation: FoundationKey;
  /** Distinct ids, sorted. */
  ids: string[];
}

/** `document` is a capture document: CapturedObject.raw with `assignments` merged in. */
export function foundationReferences(typeKey: ContractKey, document: Record<string, unknown>): FoundationReference[] {
  const idsByFoundation = new Map<FoundationKey, Set<string>>();
  for (const dependency of contractFor(typeKey).dependsOn) {
    const ids = idsByFoundation.get(dependency.foundation) ?? new Set<string>();
    for (const value of referenceValuesAt(document, dependency)) {
      if (typeof value === "string" && value !== "" && !dependency.ignoreValues?.includes(value)) ids.add(value);
    }
    idsByFoundation.set(dependency.foundation, ids);
  }
  return [...idsByFoundation].filter(([, ids]) => ids.size > 0).map(([foundation, ids]) => ({ foundation, ids: [...ids].sort() }));
}

/** The values at a dependency's path; with `holderODataType`, only those held by an object of that type. */
function referenceValuesAt(document: Record<string, unknown>, dependency: FoundationDependency): unknown[] {
  const tokens = parsePath(dependency.path);
  if (dependency.holderODataType === undefined) return valuesAt(document, tokens);
  const values: unknown[] = [];
  forEachHolder(document, tokens, (holder, key) => {
    if (holder["@odata.type"] === dependency.holderODataType && key in holder) values.push(holder[key]);
  });
  return values;
}
