// Shared setup for the integration tests against @atlas/graph-sim: a client wired to a simulator
// tenant with its own budget (so test files never share pacing state), and the history checks that
// prove the client honoured every Retry-After.

import type { GraphSim, HistoryEntry } from "@atlas/graph-sim";
import { demoTenant } from "@atlas/graph-sim";
import { createHttpGraphClient } from "../http-graph-client.ts";
import type { HttpGraphClientOptions } from "../http-graph-client.ts";
import type { RetryInfo } from "../http-transport.ts";
import { createRequestBudget } from "../request-budget.ts";

/** 0.05: Intune's 20 s throttling window lasts 1 s, a nominal `Retry-After: 3` arrives as `0.15`. */
export const TIME_SCALE = 0.05;
export const SIM_WINDOW_MS = 20_000 * TIME_SCALE;

export function clientForDemoTenant(sim: GraphSim, tenantName: string, overrides: Partial<HttpGraphClientOptions> = {}) {
  const tenant = demoTenant(tenantName);
  const retries: RetryInfo[] = [];
  const client = createHttpGraphClient({
    tenantId: tenant.tenantId,
    clientId: tenant.clientId,
    clientSecret: tenant.clientSecret,
    authorityUrl: sim.url,
    graphUrl: sim.url,
    // Generous by default: tests that are about pacing pass their own budget.
    budget: createRequestBudget({ requestsPerWindow: 10_000, writesPerWindow: 1000, windowMs: SIM_WINDOW_MS }),
    retry: { baseDelayMs: 20, maxDelayMs: 200 },
    onRetry: (info) => retries.push(info),
    ...overrides,
  });
  return { client, tenant, retries };
}

const isTokenCall = (entry: HistoryEntry) => entry.path.includes("/oauth2/v2.0/token");

export interface RetryAfterGap {
  throttledPath: string;
  retryAfterMs: number;
  gapMs: number;
}

/**
 * For every top-level 429 with a Retry-After: the time until the same app's NEXT request.
 * History `at` is taken when the simulator starts handling a request, in the same process clock.
 */
export function gapsAfterThrottledRequests(history: readonly HistoryEntry[]): RetryAfterGap[] {
  const requests = history.filter((e) => e.batchItemOf === undefined && !isTokenCall(e)).sort((a, b) => a.at - b.at);
  return requests.flatMap((entry, index) => {
    if (entry.status !== 429 || entry.retryAfterSeconds === undefined) return [];
    const next = requests.slice(index + 1).find((candidate) => candidate.clientId === entry.clientId);
    if (!next) throw new Error(`No request followed the 429 on ${entry.path}`);
    return [{ throttledPath: entry.path, retryAfterMs: entry.retryAfterSeconds * 1000, gapMs: next.at - entry.at }];
  });
}

/**
 * For every throttled $batch ITEM: the time until that same item was sent again. Later items of the
 * same envelope were already on the wire, so they are not "the next request" of the client.
 */
export function gapsAfterThrottledBatchItems(history: readonly HistoryEntry[]): RetryAfterGap[] {
  const items = history.filter((e) => e.batchItemOf !== undefined).sort((a, b) => a.at - b.at);
  return items.flatMap((entry, index) => {
    if (entry.status !== 429 || entry.retryAfterSeconds === undefined) return [];
    const retry = items.slice(index + 1).find((candidate) => candidate.path === entry.path);
    if (!retry) throw new Error(`Throttled batch item ${entry.path} was never retried`);
    return [{ throttledPath: entry.path, retryAfterMs: entry.retryAfterSeconds * 1000, gapMs: retry.at - entry.at }];
  });
}
