// The real GraphClient: Microsoft Graph over HTTP (or the local simulator, which speaks the same
// protocol at one URL for both the token endpoint and Graph).
// Paging and $batch are our own too: the SDK's PageIterator gives no persistable cursor per page
// and its BatchRequestContent only builds payloads (no per-item retry); see http-transport.ts for
// why its RetryHandler does not fit either.

import { runBatch } from "./batch.ts";
import type { CaptureDependencies } from "./capture/object-capture.ts";
import { captureObjects } from "./capture/object-capture.ts";
import { assignmentsPathOf, collectionPathOf, contractFor, isContractKey, objectPathOf, settingsPathOf } from "./contracts.ts";
import type { ContractKey } from "./contracts.ts";
import type { BatchRequest, GraphClient, GraphObject, GraphPage, GraphPath, PagesOptions } from "./graph-client.ts";
import { GraphRequestError, sanitizePath } from "./graph-request-error.ts";
import { resolveGraphUrl, trimTrailingSlash } from "./graph-paths.ts";
import { createTransport } from "./http-transport.ts";
import type { RetryInfo, TransportRequest } from "./http-transport.ts";
import { checkObjectBody, checkPage, checkPageShape, pageSchema } from "./paging-checks.ts";
import type { RequestBudget } from "./request-budget.ts";
import { requestBudgetForTenant } from "./request-budget.ts";
import { DEFAULT_BACKOFF, sleepAtLeast } from "./retry-delay.ts";
import { createWriteApi } from "./restore/graph-writes.ts";
import { restorePayload } from "./restore/restore-payload.ts";
import { createTokenProvider, tokenResponseSchema } from "./token-provider.ts";

export interface HttpGraphClientOptions {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Entra authority; the simulator serves tokens at its own URL. */
  authorityUrl?: string;
  graphUrl?: string;
  /** OAuth scope; defaults to `<graph origin>/.default` (real Graph's scope for a local simulator). */
  scope?: string;
  /** Defaults to the tenant's shared budget from requestBudgetForTenant. */
  budget?: RequestBudget;
  retry?: { maxAttempts?: number; baseDelayMs?: number; maxDelayMs?: number; maxMalformedRetries?: number };
  /** Per-request timeout; a timed-out read is retried like a network error. */
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
  onRetry?: (info: RetryInfo) => void;
  fetch?: typeof fetch;
}

export const DEFAULT_AUTHORITY_URL = "https://login.microsoftonline.com";
export const DEFAULT_GRAPH_URL = "https://graph.microsoft.com";
const DEFAULT_MAX_ATTEMPTS = 8;
const DEFAULT_MAX_MALFORMED_RETRIES = 3;
const DEFAULT_TIMEOUT_MS = 100_000;

export function createHttpGraphClient(options: HttpGraphClientOptions): GraphClient {
  const graphRoot = trimTrailingSlash(options.graphUrl ?? DEFAULT_GRAPH_URL);
  const authorityRoot = trimTrailingSlash(options.authorityUrl ?? DEFAULT_AUTHORITY_URL);
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? sleepAtLeast;
  const random = options.random ?? Math.random;
  const onRetry = options.onRetry ?? (() => {});
  const budget = options.budget ?? requestBudgetForTenant(options.tenantId);
  const backoff = {
    baseDelayMs: options.retry?.baseDelayMs ?? DEFAULT_BACKOFF.baseDelayMs,
    maxDelayMs: options.retry?.maxDelayMs ?? DEFAULT_BACKOFF.maxDelayMs,
  };
  const maxAttempts = Math.max(1, options.retry?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);

  const transport = createTransport({
    budget,
    backoff,
    maxAttempts,
    maxMalformedRetries: options.retry?.maxMalformedRetries ?? DEFAULT_MAX_MALFORMED_RETRIES,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    sleep,
    now,
    random,
    onRetry,
    fetch: options.fetch ?? globalThis.fetch,
  });

  const tokenUrl = new URL(`${authorityRoot}/${encodeURIComponent(options.tenantId)}/oauth2/v2.0/token`);
  const tokens = createTokenProvider({
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scope: options.scope ?? defaultScopeFor(graphRoot),
    now,
    requestToken: async (form) => {
      const response = await transport.send({
        method: "POST",
        url: tokenUrl,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: form,
        // Asking twice for a token is harmless, so network errors may be retried.
        idempotent: true,
        checkBody: (body) => (tokenResponseSchema.safeParse(body).success ? undefined : "malformedResponse"),
      });
      return tokenResponseSchema.parse(response.body);
    },
  });
  const auth: Pick<TransportRequest, "getToken" | "invalidateToken"> = {
    getToken: () => tokens.getToken(),
    invalidateToken: (token) => tokens.invalidate(token),
  };

  const getJson = async (url: URL, checkBody?: TransportRequest["checkBody"]) => {
    const response = await transport.send({
      method: "GET",
      url,
      ...auth,
      cost: { requests: 1, writes: 0 },
      idempotent: true,
      ...(checkBody ? { checkBody } : {}),
    });
    return response.body;
  };

  // Registry types are listed with `$count=true`: Intune's device and app management collections
  // answer `@odata.count` (Graph's query-parameter reference; only directory objects such as groups
  // need `ConsistencyLevel: eventual`, and they are no registry type). The count is the provider's
  // own total, the one way to notice a page that was lost without a trace; a collection that ignores
  // the option (Conditional Access may) yields no total, and the backup checks against its previous one.
  const sourcePath = (source: ContractKey | GraphPath): GraphPath =>
    isContractKey(source) ? `${collectionPathOf(contractFor(source))}?$count=true` : source;

  async function* pages<T = GraphObject>(source: ContractKey | GraphPath, pagesOptions?: PagesOptions): AsyncGenerator<GraphPage<T>> {
    const resume = pagesOptions?.resumeFrom;
    let url = resolveGraphUrl(graphRoot, resume ? resume.nextLink : sourcePath(source));
    let index = resume?.pageIndex ?? 0;
    for (;;) {
      const body = await getJson(url, checkPage);
      const page = pageSchema.parse(body);
      const nextLink = page["@odata.nextLink"];
      if (nextLink !== undefined && nextLink === url.href) {
        // A server pointing a page at itself would otherwise make us list forever.
        throw new GraphRequestError({ status: 200, code: "pagingLoop", method: "GET", path: sanitizePath(url) });
      }
      const reportedCount = page["@odata.count"];
      yield {
        index,
        items: page.value as T[],
        nextLink,
        next: nextLink === undefined ? undefined : { nextLink, pageIndex: index + 1 },
        ...(reportedCount === undefined ? {} : { reportedCount }),
      };
      if (nextLink === undefined) return;
      url = resolveGraphUrl(graphRoot, nextLink);
      index++;
    }
  }

  async function listAll<T = GraphObject>(source: ContractKey | GraphPath): Promise<T[]> {
    const items: T[] = [];
    for await (const page of pages<T>(source)) items.push(...page.items);
    return items;
  }

  const batch = <T = unknown>(requests: readonly BatchRequest[]) =>
    runBatch<T>(requests, { transport, graphRoot, auth, budget, maxAttempts, backoff, sleep, now, random, onRetry });

  const captureDependencies: CaptureDependencies = {
    fetchPage: async (pathOrUrl, mode) =>
      pageSchema.parse(await getJson(resolveGraphUrl(graphRoot, pathOrUrl), mode === "strict" ? checkPage : checkPageShape)),
    getObject: async (path) => (await getJson(resolveGraphUrl(graphRoot, path), checkObjectBody)) as GraphObject,
    batch,
  };

  const writes = createWriteApi({ transport, graphRoot, auth, listAll });

  return {
    tenantId: options.tenantId,
    ...writes,
    restorePayload,
    listAll,
    pages,
    async get<T = GraphObject>(path: GraphPath) {
      return (await getJson(resolveGraphUrl(graphRoot, path))) as T;
    },
    async getObject<T = GraphObject>(typeKey: ContractKey, id: string) {
      return (await getJson(resolveGraphUrl(graphRoot, objectPathOf(contractFor(typeKey), id)))) as T;
    },
    batch,
    listSettings: <T = GraphObject>(policyId: string, typeKey: ContractKey = "configurationPolicies") =>
      listAll<T>(settingsPathOf(contractFor(typeKey), policyId)),
    listAssignments: <T = GraphObject>(typeKey: ContractKey, id: string) => listAll<T>(assignmentsPathOf(contractFor(typeKey), id)),
    async captureObject(typeKey, id) {
      const [outcome] = await captureObjects(captureDependencies, typeKey, [id]);
      if (!outcome) throw new Error("captureObjects returned no outcome");
      if ("error" in outcome) throw outcome.error;
      return outcome.captured;
    },
    captureObjects: (typeKey, ids, captureOptions) => captureObjects(captureDependencies, typeKey, ids, captureOptions),
  };
}

/**
 * Client-credentials scope of the Graph root. A plain-http root is the local simulator, which stands
 * in for graph.microsoft.com, so it gets the public cloud's scope.
 */
function defaultScopeFor(graphRoot: string): string {
  const root = new URL(graphRoot);
  return root.protocol === "http:" ? `${DEFAULT_GRAPH_URL}/.default` : `${root.origin}/.default`;
}
