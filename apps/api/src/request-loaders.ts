import DataLoader from "dataloader";
import type { Context } from "./context.ts";

// One loader per request and purpose, so the fields of every row of a page that need the same kind
// of related record ask for it together: one query per page instead of one per row (N+1).
const perRequest = new WeakMap<Context, Map<string, DataLoader<unknown, unknown>>>();

/**
 * The request's loader named `purpose`: `batch` gets every key asked for in one tick and answers
 * with one value per key, in the keys' order.
 */
export function requestLoader<K, V>(context: Context, purpose: string, batch: (keys: readonly K[]) => Promise<V[]>): DataLoader<K, V> {
  let loaders = perRequest.get(context);
  if (!loaders) {
    loaders = new Map();
    perRequest.set(context, loaders);
  }
  let loader = loaders.get(purpose) as DataLoader<K, V> | undefined;
  if (!loader) {
    // Batching only, no cache: a subscription's context lives as long as its stream, and a cached
    // row would answer later events with what it was when first read.
    loader = new DataLoader<K, V>(batch, { cache: false });
    loaders.set(purpose, loader as DataLoader<unknown, unknown>);
  }
  return loader;
}

/** The rows for `keys` in the keys' order (null where none), from rows found by one query. */
export function inKeyOrder<K, R>(keys: readonly K[], rows: readonly R[], keyOfRow: (row: R) => K): Array<R | null> {
  const byKey = new Map(rows.map((row) => [keyOfRow(row), row]));
  return keys.map((key) => byKey.get(key) ?? null);
}
