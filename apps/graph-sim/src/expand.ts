// OData `$expand` as far as Intune captures need it: nested options such as
// `scheduledActionsForRule($expand=scheduledActionConfigurations)` and comma lists. Navigation
// properties are only returned when expanded, so a client that forgets an expand gets exactly what
// real Graph gives it: nothing, without an error.

import type { SubCollectionDefinition } from "./object-types/definition.ts";
import type { SimObject } from "./types.ts";

/** Expanded property name -> what to expand inside it. */
export type ExpandTree = ReadonlyMap<string, ExpandTree>;

export const NO_EXPAND: ExpandTree = new Map();

/** Parses a `$expand` value; throws ExpandError on unbalanced parentheses. */
export function parseExpand(value: string | null): ExpandTree {
  const tree = new Map<string, ExpandTree>();
  if (value === null || value.trim() === "") return tree;
  for (const part of splitTopLevel(value, ",")) {
    const open = part.indexOf("(");
    if (open < 0) {
      tree.set(part.trim(), NO_EXPAND);
      continue;
    }
    if (!part.trimEnd().endsWith(")")) throw new ExpandError(`Invalid $expand clause '${part}'.`);
    const options = part.trimEnd().slice(open + 1, -1);
    const nested = splitTopLevel(options, ";").find((option) => /^\s*\$expand=/i.test(option));
    tree.set(part.slice(0, open).trim(), nested ? parseExpand(nested.slice(nested.indexOf("=") + 1)) : NO_EXPAND);
  }
  return tree;
}

/** Graph answers 400 for an expand of a property the type does not have; so does the simulator. */
export function unknownExpansion(tree: ExpandTree, allowed: readonly string[]): string | undefined {
  return [...tree.keys()].find((name) => !allowed.includes(name));
}

/** What an item of a sub-collection may expand: its navigation properties and its child collections. */
export function expandableOf(sub: SubCollectionDefinition): string[] {
  return [...(sub.itemNavigationProperties ?? []), ...(sub.children ?? []).map((child) => child.name)];
}

/**
 * An item as served: navigation properties and child collections only when expanded. Throws
 * ExpandError for an expansion the item type does not have (at any depth).
 */
export function projectItem(sub: SubCollectionDefinition, item: SimObject, expand: ExpandTree): SimObject {
  const unknown = unknownExpansion(expand, expandableOf(sub));
  if (unknown) throw new ExpandError(`Could not find a property named '${unknown}' on the items of '${sub.name}'.`);
  const served: SimObject = { ...item };
  for (const navigation of sub.itemNavigationProperties ?? []) {
    if (!expand.has(navigation)) delete served[navigation];
  }
  for (const child of sub.children ?? []) {
    const childExpand = expand.get(child.name);
    const childItems = item[child.name];
    if (childExpand && Array.isArray(childItems)) {
      served[child.name] = (childItems as SimObject[]).map((childItem) => projectItem(child, childItem, childExpand));
    } else {
      delete served[child.name];
    }
  }
  return served;
}

export class ExpandError extends Error {}

function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === "(") depth++;
    else if (char === ")") depth--;
    if (depth < 0) throw new ExpandError(`Unbalanced parentheses in '${text}'.`);
    if (char === separator && depth === 0) {
      parts.push(text.slice(start, index));
      start = index + 1;
    }
  }
  if (depth !== 0) throw new ExpandError(`Unbalanced parentheses in '${text}'.`);
  parts.push(text.slice(start));
  return parts.map((part) => part.trim()).filter((part) => part !== "");
}
