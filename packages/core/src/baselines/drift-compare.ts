// The comparison at the heart of a drift check, kept free of I/O so the drift.check task, a
// preview and tests share it: a baseline version's items against the live objects a complete
// capture found (type and name identify an object across tenants, as restore matches by name).
// - No live object of the item's type and name: `missing`.
// - One live object whose configuration differs from the baseline (or from the state accepted for
//   this tenant, when one was accepted): `changed`, with each setting's path, expected and actual.
// - Two or more live objects of that type and name: `ambiguous`; which one is meant is not guessed.
// - Live objects of a type the baseline covers that no item names: `unmanaged` (reported, not judged).
// Assignments and scope tags reference tenant-local ids (groups, tags): they are left out of the
// comparison until drift maps them by name as restore does; configuration is compared.

import type { NormalizedPayload } from "@atlas/graph-client";
import { diffNormalizedPayloads, type SettingChange } from "../backup/version-diff.ts";
import { itemKeyOf } from "./baseline-items.ts";

export type DriftKind = "missing" | "changed" | "ambiguous" | "unmanaged";

export interface DriftBaselineItem {
  id: string;
  objectType: string;
  displayName: string;
  normalizedPayload: unknown;
}

export interface LiveObject {
  objectType: string;
  displayName: string;
  providerId: string;
  normalizedPayload: unknown;
}

export interface DriftFindingDraft {
  kind: DriftKind;
  objectType: string;
  displayName: string;
  baselineItemId: string | null;
  providerIds: string[];
  /** For `changed`: `before` is the expected value, `after` the tenant's. */
  changes: SettingChange[];
}

export interface DriftComparison {
  findings: DriftFindingDraft[];
  /** Items whose live object equals the expected state. */
  equal: number;
}

/** Tenant-local references, compared only once drift maps them by name (see the header). */
const TENANT_LOCAL_PROPERTIES = ["assignments", "roleScopeTagIds"] as const;

export function comparablePayload(payload: unknown): NormalizedPayload {
  const copy = { ...(payload as NormalizedPayload) };
  for (const property of TENANT_LOCAL_PROPERTIES) delete copy[property];
  return copy;
}

export function compareWithBaseline(input: {
  items: readonly DriftBaselineItem[];
  live: readonly LiveObject[];
  /** The payload accepted for this tenant, by item id: it replaces the baseline's expectation. */
  acceptedByItemId?: ReadonlyMap<string, unknown>;
}): DriftComparison {
  const liveByKey = new Map<string, LiveObject[]>();
  for (const object of input.live) liveByKey.set(itemKeyOf(object), [...(liveByKey.get(itemKeyOf(object)) ?? []), object]);
  const findings: DriftFindingDraft[] = [];
  let equal = 0;
  const named = new Set<string>();
  for (const item of input.items) {
    const key = itemKeyOf(item);
    named.add(key);
    const matches = liveByKey.get(key) ?? [];
    const identity = { objectType: item.objectType, displayName: item.displayName, baselineItemId: item.id };
    if (matches.length === 0) {
      findings.push({ ...identity, kind: "missing", providerIds: [], changes: [] });
      continue;
    }
    if (matches.length > 1) {
      findings.push({ ...identity, kind: "ambiguous", providerIds: matches.map((match) => match.providerId).sort(), changes: [] });
      continue;
    }
    const live = matches[0]!;
    const expected = input.acceptedByItemId?.get(item.id) ?? item.normalizedPayload;
    const changes = diffNormalizedPayloads(comparablePayload(expected), comparablePayload(live.normalizedPayload));
    if (changes.length === 0) equal++;
    else findings.push({ ...identity, kind: "changed", providerIds: [live.providerId], changes });
  }
  const coveredTypes = new Set(input.items.map((item) => item.objectType));
  for (const [key, objects] of liveByKey) {
    const [first] = objects;
    if (named.has(key) || !first || !coveredTypes.has(first.objectType)) continue;
    findings.push({
      kind: "unmanaged",
      objectType: first.objectType,
      displayName: first.displayName,
      baselineItemId: null,
      providerIds: objects.map((object) => object.providerId).sort(),
      changes: [],
    });
  }
  return { findings, equal };
}
