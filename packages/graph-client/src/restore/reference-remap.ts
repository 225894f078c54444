// Rewrites the foundation and directory references of a capture document from source ids to target
// ids, through the contract's `dependsOn` and `directoryReferences` paths plus the assignments'
// group targets. An id without
// a mapping is never guessed (scope tag "3" in one tenant is another tag, or none, in the next):
// the innermost array element holding it is left out (the tag id itself, the whole assignment,
// the notification action) and the reference is reported.

import { type ContractKey, contractFor } from "../contracts.ts";
import type { GraphObject } from "../graph-client.ts";
import { EACH, isRecord, type PathTokens, parsePath } from "../normalize/payload-path.ts";
import type { IdMap, ReferenceKind, RestorePayloadOptions, UnmappedReference } from "./restore-types.ts";

/** Microsoft's built-in Default scope tag: the same id in every tenant. */
export const DEFAULT_SCOPE_TAG_ID = "0";
const GROUP_REFERENCE_PATH = "assignments[].target.groupId";

interface ReferenceSpec {
  kind: ReferenceKind;
  tokens: PathTokens;
  ignoreValues: readonly string[];
  /** Only values held by an object of this `@odata.type` are references (reusable setting values). */
  holderODataType?: string;
}

type Decision = { replace: string } | "drop" | "keep";

export function referenceSpecs(typeKey: ContractKey): ReferenceSpec[] {
  const contract = contractFor(typeKey);
  const specs: ReferenceSpec[] = contract.dependsOn.map((dependency) => ({
    kind: dependency.foundation,
    tokens: parsePath(dependency.path),
    ignoreValues: dependency.ignoreValues ?? [],
    ...(dependency.holderODataType ? { holderODataType: dependency.holderODataType } : {}),
  }));
  for (const reference of contract.directoryReferences) {
    specs.push({ kind: reference.kind, tokens: parsePath(reference.path), ignoreValues: reference.ignoreValues ?? [] });
  }
  if (contract.hasAssignments) specs.push({ kind: "groups", tokens: parsePath(GROUP_REFERENCE_PATH), ignoreValues: [] });
  return specs;
}

/** The document (a private copy) with references remapped, and what could not be mapped. */
export function remapReferences(
  typeKey: ContractKey,
  document: Record<string, unknown>,
  options: Pick<RestorePayloadOptions, "idMap" | "describe">,
): { document: GraphObject; unmapped: UnmappedReference[] } {
  const specs = referenceSpecs(typeKey);
  // Pass 1 reports on an untouched copy, so a reference inside an element that another reference
  // already knocked out (a filter of an assignment whose group is unmapped) is still reported.
  const unmapped = new Map<string, UnmappedReference>();
  const scratch = clone(document);
  for (const spec of specs) {
    walk(scratch, spec.tokens, "", spec.holderODataType, (id, path) => {
      if (targetIdOf(spec, id, options.idMap) !== undefined || spec.ignoreValues.includes(id)) return "keep";
      const key = `${spec.kind}\u0000${id}`;
      if (!unmapped.has(key)) {
        const displayName = options.describe?.(spec.kind, id);
        unmapped.set(key, { kind: spec.kind, sourceId: id, path, ...(displayName !== undefined ? { displayName } : {}) });
      }
      return "keep";
    });
  }
  const remapped = clone(document);
  for (const spec of specs) {
    walk(remapped, spec.tokens, "", spec.holderODataType, (id) => {
      if (spec.ignoreValues.includes(id)) return "keep";
      const target = targetIdOf(spec, id, options.idMap);
      return target === undefined ? "drop" : { replace: target };
    });
  }
  return { document: remapped, unmapped: [...unmapped.values()] };
}

function targetIdOf(spec: ReferenceSpec, id: string, idMap: IdMap): string | undefined {
  const mapped = idMap(spec.kind, id);
  if (mapped !== undefined) return mapped;
  return spec.kind === "roleScopeTags" && id === DEFAULT_SCOPE_TAG_ID ? DEFAULT_SCOPE_TAG_ID : undefined;
}

/**
 * Visits every string at the path. Returns true when the caller's innermost array element must go
 * (a dropped reference that is a property of that element). Arrays are filtered in place.
 */
function walk(
  node: unknown,
  tokens: PathTokens,
  path: string,
  holderODataType: string | undefined,
  decide: (id: string, path: string) => Decision,
): boolean {
  const [head, ...rest] = tokens;
  if (head === undefined) return false;
  if (head === EACH) {
    if (!Array.isArray(node)) return false;
    const kept: unknown[] = [];
    for (const [index, element] of node.entries()) {
      const elementPath = `${path}[${index}]`;
      if (rest.length > 0) {
        if (!walk(element, rest, elementPath, holderODataType, decide)) kept.push(element);
        continue;
      }
      const decision = typeof element === "string" && element !== "" ? decide(element, elementPath) : "keep";
      if (decision === "keep") kept.push(element);
      else if (decision !== "drop") kept.push(decision.replace);
    }
    node.splice(0, node.length, ...kept);
    return false;
  }
  if (!isRecord(node) || !(head in node)) return false;
  const childPath = path === "" ? head : `${path}.${head}`;
  if (rest.length > 0) return walk(node[head], rest, childPath, holderODataType, decide);
  if (holderODataType !== undefined && node["@odata.type"] !== holderODataType) return false;
  const value = node[head];
  if (typeof value !== "string" || value === "") return false;
  const decision = decide(value, childPath);
  if (decision === "drop") return true;
  if (decision !== "keep") node[head] = decision.replace;
  return false;
}

function clone(document: Record<string, unknown>): GraphObject {
  return JSON.parse(JSON.stringify(document)) as GraphObject;
}
