// Complete captures of objects, driven by the contract registry. Round one sends, for every object,
// GET by id (with the contract's $expands), the first assignments page and the first page of every
// sub-collection through shared $batch envelopes: one round trip per 20 requests instead of one per
// request, with Intune still counting (and the budget still pacing) every inner request. Then each
// object is completed on its own: remaining pages, per-item collections (ADMX presentation values,
// again through $batch) and the completeness checks.

import type { SubResource } from "../contract-types.ts";
import { assignmentsPathOf, contractFor, type ContractKey, type ObjectContract, objectPathOf, subCollectionPathOf } from "../contracts.ts";
import type { BatchItemResult, BatchRequest, GraphClient, GraphObject } from "../graph-client.ts";
import { GraphRequestError, graphErrorCodeOf, isGraphRequestError, sanitizePath } from "../graph-request-error.ts";
import { assignmentGaps, collectionGaps, detailPropertyGaps, expansionGaps, perItemGaps } from "./capture-checks.ts";
import type { CaptureGap, CapturedObject, CaptureOptions, CaptureOutcome } from "./capture-types.ts";
import { collectPages, type PageSource } from "./page-collector.ts";

export interface CaptureDependencies extends PageSource {
  /** GET of one entity with the client's retries; throws GraphRequestError. */
  getObject(path: string): Promise<GraphObject>;
  batch: GraphClient["batch"];
}

type CollectionResource = Extract<SubResource, { kind: "collection" }>;

const DEFAULT_CONCURRENCY = 4;
/** Objects per round one: bounds the first pages held in memory while a large type is captured. */
const OBJECTS_PER_ROUND = 60;

/** Round-one bodies of one object, by role; undefined where the batch item failed (settled later by a direct read). */
interface Prefetched {
  object?: GraphObject;
  /** The object is gone (404 in round one): definitive, so it is not read again. */
  notFound?: GraphRequestError;
  assignments?: unknown;
  collections: Map<string, unknown>;
}

export async function captureObjects(
  deps: CaptureDependencies,
  typeKey: ContractKey,
  ids: readonly string[],
  options: CaptureOptions = {},
): Promise<CaptureOutcome[]> {
  const contract = contractFor(typeKey);
  const distinctIds = [...new Set(ids)];
  const outcomes: CaptureOutcome[] = [];
  for (let start = 0; start < distinctIds.length; start += OBJECTS_PER_ROUND) {
    const roundIds = distinctIds.slice(start, start + OBJECTS_PER_ROUND);
    const prefetched = await prefetchFirstRound(deps, contract, roundIds);
    const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    outcomes.push(
      ...(await mapWithConcurrency(roundIds, concurrency, async (id, index): Promise<CaptureOutcome> => {
        const first: Prefetched = prefetched[index] ?? { collections: new Map() };
        if (first.notFound) return { id, error: first.notFound };
        try {
          return { id, captured: await completeCapture(deps, contract, id, first) };
        } catch (error) {
          if (isGraphRequestError(error)) return { id, error };
          throw error;
        }
      })),
    );
  }
  return outcomes;
}

function objectPathWithExpands(contract: ObjectContract, id: string): string {
  const expands = contract.subResources.flatMap((sub) => (sub.kind === "expand" ? [sub.expand] : []));
  return expands.length === 0 ? objectPathOf(contract, id) : `${objectPathOf(contract, id)}?$expand=${expands.join(",")}`;
}

/** The collection's query: the contract's `$expand`, and `$count=true` where it asks for the provider's total. */
function withQuery(path: string, options: { expand?: string; requestCount?: boolean }): string {
  const query = [...(options.requestCount ? ["$count=true"] : []), ...(options.expand ? [`$expand=${options.expand}`] : [])];
  return query.length === 0 ? path : `${path}?${query.join("&")}`;
}

function collectionPath(contract: ObjectContract, id: string, sub: CollectionResource): string {
  return withQuery(subCollectionPathOf(contract, id, sub.key), sub);
}

async function prefetchFirstRound(deps: CaptureDependencies, contract: ObjectContract, ids: readonly string[]): Promise<Prefetched[]> {
  const collections = contract.subResources.filter((sub): sub is CollectionResource => sub.kind === "collection");
  const requests: BatchRequest[] = ids.flatMap((id, index) => [
    { id: `${index}:object`, method: "GET", path: objectPathWithExpands(contract, id) },
    ...(contract.hasAssignments ? [{ id: `${index}:assignments`, method: "GET", path: assignmentsPathOf(contract, id) } as const] : []),
    ...collections.map((sub) => ({ id: `${index}:${sub.key}`, method: "GET", path: collectionPath(contract, id, sub) }) as const),
  ]);
  let results: BatchItemResult[] = [];
  try {
    results = await deps.batch(requests);
  } catch (error) {
    // A lost envelope only costs the shortcut: every object is then read request by request.
    if (!isGraphRequestError(error)) throw error;
  }
  const usable = new Map(results.filter((r) => r.status >= 200 && r.status < 300 && isRecord(r.body)).map((r) => [r.id, r.body]));
  const missing = new Map(results.filter((r) => r.status === 404 && r.id.endsWith(":object")).map((r) => [r.id, r]));
  return ids.map((id, index) => ({
    object: usable.get(`${index}:object`) as GraphObject | undefined,
    ...(missing.has(`${index}:object`)
      ? { notFound: notFoundError(objectPathOf(contract, id), missing.get(`${index}:object`)?.body) }
      : {}),
    assignments: usable.get(`${index}:assignments`),
    collections: new Map(collections.map((sub) => [sub.key, usable.get(`${index}:${sub.key}`)])),
  }));
}

async function completeCapture(
  deps: CaptureDependencies,
  contract: ObjectContract,
  id: string,
  prefetched: Prefetched,
): Promise<CapturedObject> {
  const raw: GraphObject = { ...(prefetched.object ?? (await deps.getObject(objectPathWithExpands(contract, id)))) };
  const gaps: CaptureGap[] = [];
  let assignments: GraphObject[] = [];
  if (contract.hasAssignments) {
    const collected = await collectPages(deps, assignmentsPathOf(contract, id), prefetched.assignments);
    assignments = collected.items;
    gaps.push(...assignmentGaps(collected));
  }

  let expectedSettings: number | undefined;
  let capturedSettings: number | undefined;
  for (const sub of contract.subResources) {
    if (sub.kind === "expand") gaps.push(...expansionGaps(sub, raw));
    if (sub.kind === "detailProperties") gaps.push(...detailPropertyGaps(sub, raw));
    if (sub.kind !== "collection") continue;
    const collected = await collectPages(deps, collectionPath(contract, id, sub), prefetched.collections.get(sub.key));
    const checked = collectionGaps(sub, raw, collected);
    gaps.push(...checked.gaps);
    if (sub.perItem) gaps.push(...(await nestPerItemCollections(deps, contract, id, sub, collected.items)));
    raw[sub.key] = collected.items;
    if (sub.isSettings) {
      expectedSettings = checked.expected;
      capturedSettings = collected.items.length;
    }
  }
  return {
    typeKey: contract.key,
    id,
    raw,
    assignments,
    completeness: {
      ...(expectedSettings === undefined ? {} : { expectedSettings }),
      ...(capturedSettings === undefined ? {} : { capturedSettings }),
      gaps,
    },
  };
}

/** Reads the collection below each item (first pages batched) and nests it under the item. */
async function nestPerItemCollections(
  deps: CaptureDependencies,
  contract: ObjectContract,
  id: string,
  sub: CollectionResource,
  items: GraphObject[],
): Promise<CaptureGap[]> {
  const perItem = sub.perItem;
  if (!perItem || items.length === 0) return [];
  const pathOf = (itemId: string) => withQuery(subCollectionPathOf(contract, id, sub.key, { itemId, key: perItem.key }), perItem);
  const itemIds = items.map((item) => String(item.id));
  let firstPages: BatchItemResult[] = [];
  try {
    firstPages = await deps.batch(itemIds.map((itemId, index) => ({ id: String(index), method: "GET", path: pathOf(itemId) })));
  } catch (error) {
    if (!isGraphRequestError(error)) throw error;
  }
  const gaps: CaptureGap[] = [];
  for (const [index, item] of items.entries()) {
    const first = firstPages[index];
    const usable = first && first.status >= 200 && first.status < 300 ? first.body : undefined;
    const collected = await collectPages(deps, pathOf(String(item.id)), usable);
    item[perItem.key] = collected.items;
    gaps.push(...perItemGaps(sub, String(item.id), collected));
  }
  return gaps;
}

function notFoundError(path: string, body: unknown): GraphRequestError {
  const { code, requestId } = graphErrorCodeOf(body);
  return new GraphRequestError({
    status: 404,
    code: code ?? "http404",
    method: "GET",
    path: sanitizePath(path),
    ...(requestId ? { requestId } : {}),
  });
}

async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
