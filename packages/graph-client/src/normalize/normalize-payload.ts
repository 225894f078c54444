// Noise-free payloads: two captures of an unchanged object normalize to the same value (and hash),
// any configured change does not. Rules for EVERY type, applied at any depth:
// - `id` is removed: object ids differ per tenant and per re-creation (settings catalog numbers its
//   settings by position), so they say nothing about configuration. Ids that reference a global
//   catalog entry (ADMX definitions) are kept per type through `keepIdPaths`.
// - `createdDateTime`, `lastModifiedDateTime` and `version` are server-owned change markers.
// - `@odata.*` control information (`@odata.context`, `@odata.etag`, `@odata.nextLink`, ...) and
//   property annotations (`x@odata.navigationLink`) describe the transport, not the object; so do
//   advertised operations (`#microsoft.graph.assign`), which exports with full metadata carry.
// - `@odata.type` is KEPT: it selects the subtype (windows10GeneralConfiguration vs
//   iosGeneralDeviceConfiguration, a text vs a decimal presentation value), which decides what all
//   other properties mean, and a restore has to send it. Equal properties under a different type are
//   a different object.
// Per type (contract registry `normalization`): server-owned counters stripped (`settingCount`),
// catalog references reduced to what identifies them, unordered arrays sorted by documented keys.

import type { ContractKey } from "../contracts.ts";
import { contractFor } from "../contracts.ts";
import type { CapturedObject } from "../capture/capture-types.ts";
import { canonicalJson } from "./canonical-json.ts";
import { EACH, forEachHolder, isRecord, parsePath, type PathTokens, samePath, valuesAt } from "./payload-path.ts";

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A normalized capture document: plain JSON, deterministic, ready for canonicalJson/contentHash. */
export type NormalizedPayload = { [key: string]: JsonValue };

const NOISE_PROPERTIES = new Set(["id", "createdDateTime", "lastModifiedDateTime", "version"]);

function isODataAnnotation(key: string): boolean {
  return (key !== "@odata.type" && key.includes("@odata.")) || key.startsWith("#");
}

/**
 * Normalizes a capture document: `CapturedObject.raw`, with the object's assignments under
 * `assignments` when they belong to the version (see normalizeCapture). The input is not changed.
 */
export function normalizePayload(typeKey: ContractKey, raw: Record<string, unknown>): NormalizedPayload {
  const spec = contractFor(typeKey).normalization;
  // A JSON round trip: a private copy that holds JSON values only (undefined and functions dropped).
  const document = JSON.parse(JSON.stringify(raw)) as NormalizedPayload;

  for (const { path, keep } of spec.reduceTo) {
    forEachHolder(document, parsePath(path), (holder, key) => {
      const target = holder[key];
      if (isRecord(target)) holder[key] = Object.fromEntries(Object.entries(target).filter(([property]) => keep.includes(property)));
    });
  }
  for (const path of spec.stripPaths) forEachHolder(document, parsePath(path), (holder, key) => delete holder[key]);
  stripNoise(document, [], spec.keepIdPaths.map(parsePath));

  // Inner arrays first: an outer array's tie-break compares elements that contain the inner ones.
  const unordered = [...spec.unorderedArrays].sort((a, b) => depthOf(b.path) - depthOf(a.path));
  for (const { path, sortBy } of unordered) {
    const sortKeys = (sortBy ?? []).map(parsePath);
    forEachHolder(document, parsePath(path), (holder, key) => {
      const array = holder[key];
      if (Array.isArray(array)) holder[key] = sortDeterministically(array, sortKeys);
    });
  }
  return document;
}

/** The version document of a capture: the object with its sub-resources and its assignments. */
export function normalizeCapture(typeKey: ContractKey, captured: Pick<CapturedObject, "raw" | "assignments">): NormalizedPayload {
  const hasAssignments = contractFor(typeKey).hasAssignments;
  return normalizePayload(typeKey, hasAssignments ? { ...captured.raw, assignments: captured.assignments } : captured.raw);
}

function stripNoise(node: unknown, path: PathTokens, keepIdPaths: readonly PathTokens[]): void {
  if (Array.isArray(node)) {
    for (const element of node) stripNoise(element, [...path, EACH], keepIdPaths);
    return;
  }
  if (!isRecord(node)) return;
  for (const key of Object.keys(node)) {
    const childPath = [...path, key];
    const isNoise = NOISE_PROPERTIES.has(key) || isODataAnnotation(key);
    if (isNoise && !(key === "id" && keepIdPaths.some((kept) => samePath(kept, childPath)))) delete node[key];
    else stripNoise(node[key], childPath, keepIdPaths);
  }
}

function sortDeterministically(array: readonly JsonValue[], sortKeys: readonly PathTokens[]): JsonValue[] {
  const keyed = array.map((element) => ({
    element,
    keys: sortKeys.map((tokens) => valuesAt(element, tokens)[0]),
    canonical: canonicalJson(element),
  }));
  keyed.sort((a, b) => {
    for (let index = 0; index < sortKeys.length; index++) {
      const order = compareValues(a.keys[index], b.keys[index]);
      if (order !== 0) return order;
    }
    return compareStrings(a.canonical, b.canonical);
  });
  return keyed.map(({ element }) => element);
}

/** Missing keys first, numbers numerically, everything else by its canonical JSON. */
function compareValues(a: unknown, b: unknown): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return compareStrings(typeof a === "string" ? a : canonicalJson(a), typeof b === "string" ? b : canonicalJson(b));
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function depthOf(path: string): number {
  return parsePath(path).filter((token) => token === EACH).length;
}
