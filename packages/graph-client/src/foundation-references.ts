// Which foundation objects a captured object references, read through the contract's `dependsOn`
// paths: what a backup must snapshot alongside it and what a restore must map or create first.

import type { FoundationKey } from "./contract-types.ts";
import { type ContractKey, contractFor } from "./contracts.ts";
import { parsePath, valuesAt } from "./normalize/payload-path.ts";

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
    for (const value of valuesAt(document, parsePath(dependency.path))) {
      if (typeof value === "string" && value !== "" && !dependency.ignoreValues?.includes(value)) ids.add(value);
    }
    idsByFoundation.set(dependency.foundation, ids);
  }
  return [...idsByFoundation].filter(([, ids]) => ids.size > 0).map(([foundation, ids]) => ({ foundation, ids: [...ids].sort() }));
}
