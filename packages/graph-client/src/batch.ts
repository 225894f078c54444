// $batch with per-item retries. Graph answers a $batch with 200 even when single items were
// throttled (429) or hit a busy backend (503), each with its own Retry-After. Resending the whole
// batch would repeat items that already succeeded (writes twice!), so only the failed items go
// out again, in rounds, after the longest Retry-After among them.

import { z } from "zod";
import type { BatchItemResult, BatchRequest } from "./graph-client.ts";
import type { GraphApiVersion } from "./contracts.ts";
import { resolveGraphUrl, splitVersion } from "./graph-paths.ts";
import type { RetryInfo, Transport, TransportRequest } from "./http-transport.ts";
import type { BackoffSettings, RetryDelay } from "./retry-delay.ts";
import { computeRetryDelay } from "./retry-delay.ts";
import type { RequestBudget } from "./request-budget.ts";

/** Graph rejects a $batch with more than 20 requests. */
export const MAX_BATCH_ITEMS = 20;

const RETRYABLE_ITEM_STATUS = new Set([429, 503, 504]);

const batchResponseSchema = z.object({
  responses: z.array(
    z.object({
      id: z.string(),
      status: z.number().int(),
      headers: z.record(z.string(), z.string()).optional(),
      body: z.unknown().optional(),
    }),
  ),
});

export interface BatchDependencies {
  transport: Transport;
  graphRoot: string;
  auth: Pick<TransportRequest, "getToken" | "invalidateToken">;
  budget: RequestBudget;
  maxAttempts: number;
  backoff: BackoffSettings;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  random: () => number;
  onRetry: (info: RetryInfo) => void;
}

interface PendingItem {
  index: number;
  version: GraphApiVersion;
  wire: { id: string; method: string; url: string; body?: unknown; headers?: Record<string, string> };
  attempts: number;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

export async function runBatch<T>(requests: readonly BatchRequest[], deps: BatchDependencies): Promise<BatchItemResult<T>[]> {
  const callerIds = requests.map((request, index) => request.id ?? String(index));
  if (new Set(callerIds).size !== callerIds.length) throw new Error("Batch request ids must be unique");

  const results: BatchItemResult<T>[] = new Array(requests.length);
  let pending: PendingItem[] = requests.map((request, index) => toPendingItem(request, index));

  for (let round = 1; pending.length > 0; round++) {
    const retryable: Array<{ item: PendingItem; retryAfterHeader: string | undefined; status: number }> = [];
    for (const version of ["v1.0", "beta"] as const) {
      for (const items of chunk(
        pending.filter((item) => item.version === version),
        MAX_BATCH_ITEMS,
      )) {
        const responses = await sendChunk(version, items, deps);
        for (const item of items) {
          item.attempts++;
          const response = responses.get(item.wire.id);
          // sendChunk checked every id is present; the fallback only satisfies the type system.
          const status = response?.status ?? 500;
          const headers = response?.headers ?? {};
          if (itemNeedsRetry(item, status, headers, response?.body) && round < deps.maxAttempts) {
            retryable.push({ item, status, retryAfterHeader: headerValue(headers, "retry-after") });
            continue;
          }
          results[item.index] = {
            id: callerIds[item.index] as string,
            index: item.index,
            status,
            body: (response?.body ?? null) as T,
            headers,
            attempts: item.attempts,
          };
        }
      }
    }
    if (retryable.length === 0) break;
    await waitBeforeItemRetry(round, retryable, deps);
    pending = retryable.map((entry) => entry.item);
  }
  return results;
}

function toPendingItem(request: BatchRequest, index: number): PendingItem {
  const { version, relative } = splitVersion(request.path);
  return {
    index,
    version,
    // Positions as wire ids: unique across chunks and rounds, whatever ids the caller chose.
    wire: {
      id: String(index),
      method: request.method,
      url: relative,
      ...(request.body !== undefined ? { body: request.body } : {}),
      ...(request.headers || request.body !== undefined
        ? { headers: { ...(request.body !== undefined ? { "content-type": "application/json" } : {}), ...request.headers } }
        : {}),
    },
    attempts: 0,
  };
}

async function sendChunk(version: GraphApiVersion, items: PendingItem[], deps: BatchDependencies) {
  const writes = items.filter((item) => item.wire.method !== "GET").length;
  const sentIds = items.map((item) => item.wire.id);
  const response = await deps.transport.send({
    method: "POST",
    url: resolveGraphUrl(deps.graphRoot, `/${version}/$batch`, "POST"),
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ requests: items.map((item) => item.wire) }),
    ...deps.auth,
    // Intune counts every inner request against the tenant's limits.
    cost: { requests: items.length, writes },
    idempotent: writes === 0,
    checkBody: (body) => {
      const parsed = batchResponseSchema.safeParse(body);
      if (!parsed.success) return "malformedResponse";
      const answered = new Set(parsed.data.responses.map((r) => r.id));
      return sentIds.every((id) => answered.has(id)) ? undefined : "malformedResponse";
    },
  });
  const parsed = batchResponseSchema.parse(response.body);
  return new Map(parsed.responses.map((r) => [r.id, r]));
}

async function waitBeforeItemRetry(
  round: number,
  retryable: Array<{ item: PendingItem; retryAfterHeader: string | undefined; status: number }>,
  deps: BatchDependencies,
): Promise<void> {
  // The longest wait among the items wins: resending earlier would hit the slowest throttle again.
  let longest: RetryDelay = { delayMs: 0, source: "backoff" };
  for (const entry of retryable) {
    const delay = computeRetryDelay({
      retryNumber: round,
      retryAfterHeader: entry.retryAfterHeader ?? null,
      nowMs: deps.now(),
      settings: deps.backoff,
      random: deps.random,
    });
    if (delay.delayMs >= longest.delayMs) longest = delay;
  }
  const throttledWrites = retryable.some((entry) => entry.status === 429 && entry.item.wire.method !== "GET");
  const throttledReads = retryable.some((entry) => entry.status === 429 && entry.item.wire.method === "GET");
  if (throttledReads) deps.budget.holdFor(longest.delayMs, "all");
  else if (throttledWrites) deps.budget.holdFor(longest.delayMs, "writes");
  deps.onRetry({
    method: "POST",
    path: "/$batch",
    attempt: round,
    reason: "batchItemsRetried",
    status: Math.max(...retryable.map((entry) => entry.status)),
    delayMs: longest.delayMs,
    ...(longest.retryAfterSeconds !== undefined ? { retryAfterSeconds: longest.retryAfterSeconds } : {}),
    itemCount: retryable.length,
  });
  await deps.sleep(longest.delayMs);
}

/**
 * Throttled or busy items are resent. So are READ items whose JSON answer arrived as a string: Graph
 * passes a body it could not embed as JSON as a string, which for a JSON endpoint means the answer
 * was cut off. A write with such an answer was applied, so it is returned as it is, not resent.
 */
function itemNeedsRetry(item: PendingItem, status: number, headers: Record<string, string>, body: unknown): boolean {
  if (RETRYABLE_ITEM_STATUS.has(status)) return true;
  if (item.wire.method !== "GET" || status < 200 || status >= 300 || typeof body !== "string") return false;
  return /json/i.test(headerValue(headers, "content-type") ?? "") && !isJson(body);
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const match = Object.keys(headers).find((key) => key.toLowerCase() === name);
  return match === undefined ? undefined : headers[match];
}
