// One Graph HTTP exchange with budget, auth and retries.
//
// Why a hand-written retry loop instead of a library:
// - p-retry (9.x) needs Node >= 22 (we run 20), computes its own delay (min/factor/randomize) with
//   no per-failure delay, so honouring a server's Retry-After means sleeping inside
//   onFailedAttempt ON TOP of its backoff, and it cannot take an injected sleep/clock for tests;
// - @microsoft/microsoft-graph-client's RetryHandler caps every delay at 180 s even when Retry-After
//   asks for more, allows at most 10 retries (3 by default), retries only 429/503/504 (no network
//   errors, no malformed 200 bodies) and cannot report its waits to our run progress.
// The loop below is small and covered by unit tests against a local HTTP server and by the
// simulator suites (throttle storms, 5xx, dropped pages, malformed bodies).

import type { RequestBudget } from "./request-budget.ts";
import type { BackoffSettings } from "./retry-delay.ts";
import { computeRetryDelay } from "./retry-delay.ts";
import { GraphRequestError, graphErrorCodeOf, sanitizePath } from "./graph-request-error.ts";

export type RetryReason =
  | "throttled"
  | "serviceUnavailable"
  | "gatewayTimeout"
  | "networkError"
  | "timeout"
  | "malformedResponse"
  | "emptyPage"
  | "batchItemsRetried";

/** Why a 2xx body cannot be used; both are treated as transient glitches of the server. */
export type BodyProblem = "malformedResponse" | "emptyPage";

export interface RetryInfo {
  method: string;
  /** Sanitized path (no query string). */
  path: string;
  /** The attempt that just failed, 1-based. */
  attempt: number;
  reason: RetryReason;
  /** 0 for network errors and timeouts. */
  status: number;
  delayMs: number;
  /** Present when the server sent a usable Retry-After (seconds, possibly fractional). */
  retryAfterSeconds?: number;
  /** For batchItemsRetried: how many inner items are resent (throttled, busy or cut off). */
  itemCount?: number;
}

export interface TransportSettings {
  budget: RequestBudget;
  backoff: BackoffSettings;
  maxAttempts: number;
  /** Malformed 2xx bodies are retried, but only this often: a body that is always broken is a bug. */
  maxMalformedRetries: number;
  timeoutMs: number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  random: () => number;
  onRetry: (info: RetryInfo) => void;
  fetch: typeof fetch;
}

export interface TransportRequest {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  url: URL;
  headers?: Record<string, string>;
  body?: string | URLSearchParams;
  /** Returns the bearer token; absent for the token endpoint itself. */
  getToken?: () => Promise<string>;
  invalidateToken?: (token: string) => void;
  /** Budget cost; absent for requests Intune does not count (the token endpoint). */
  cost?: { requests: number; writes: number };
  /** Safe to resend after a network error that may have reached the server. */
  idempotent: boolean;
  /** Checks a parsed 2xx body; a returned problem makes the attempt transient. */
  checkBody?: (body: unknown) => BodyProblem | undefined;
}

export interface TransportResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

type AttemptOutcome =
  | { kind: "done"; response: TransportResponse }
  | { kind: "authRejected"; token: string; response: TransportResponse }
  | { kind: "transient"; reason: RetryReason; status: number; retryAfterHeader: string | null; body?: unknown; requestId?: string }
  | { kind: "fatal"; response: TransportResponse }
  | { kind: "unknownOutcome"; reason: "timeout" | "networkError" | "gatewayTimeout" };

const TRANSIENT_STATUS: Record<number, RetryReason> = { 429: "throttled", 503: "serviceUnavailable", 504: "gatewayTimeout" };

export function createTransport(settings: TransportSettings) {
  async function attemptOnce(request: TransportRequest): Promise<AttemptOutcome> {
    const reservation = request.cost ? await settings.budget.reserve(request.cost) : undefined;
    try {
      return await exchange(request);
    } finally {
      // The window is counted from the answer: Graph admitted the request before we saw it.
      reservation?.settle();
    }
  }

  async function exchange(request: TransportRequest): Promise<AttemptOutcome> {
    const token = request.getToken ? await request.getToken() : undefined;
    const headers: Record<string, string> = { accept: "application/json", ...request.headers };
    if (token) headers.authorization = `Bearer ${token}`;
    let status: number;
    let responseHeaders: Headers;
    let text: string;
    try {
      const response = await settings.fetch(request.url, {
        method: request.method,
        headers,
        body: request.body ?? null,
        signal: AbortSignal.timeout(settings.timeoutMs),
      });
      status = response.status;
      responseHeaders = response.headers;
      text = await response.text();
    } catch (error) {
      const reason = error instanceof Error && error.name === "TimeoutError" ? "timeout" : "networkError";
      // A write that may have reached Graph is not resent blindly: it could run twice.
      if (!request.idempotent) return { kind: "unknownOutcome", reason };
      return { kind: "transient", reason, status: 0, retryAfterHeader: null };
    }
    const parsed = parseJson(text);
    const response: TransportResponse = { status, headers: responseHeaders, body: parsed.ok ? parsed.value : undefined };
    if (status >= 200 && status < 300) {
      const problem = parsed.ok ? request.checkBody?.(parsed.value) : "malformedResponse";
      if (!problem) return { kind: "done", response };
      // Graph did process the request; resending a write because its ANSWER was garbled could
      // apply it twice, so only reads are retried.
      if (!request.idempotent) return { kind: "fatal", response: { ...response, body: { error: { code: problem } } } };
      return { kind: "transient", reason: problem, status, retryAfterHeader: null, requestId: requestIdOf(response) };
    }
    if (status === 401 && token) return { kind: "authRejected", token, response };
    // A gateway timeout says nothing about whether the backend applied the write: like a lost
    // connection, never resend a non-idempotent request after it.
    if (status === 504 && !request.idempotent) return { kind: "unknownOutcome", reason: "gatewayTimeout" };
    const transientReason = TRANSIENT_STATUS[status];
    if (transientReason) {
      return {
        kind: "transient",
        reason: transientReason,
        status,
        retryAfterHeader: responseHeaders.get("retry-after"),
        body: response.body,
        requestId: requestIdOf(response),
      };
    }
    return { kind: "fatal", response };
  }

  async function send(request: TransportRequest): Promise<TransportResponse> {
    const path = sanitizePath(request.url);
    let refreshedAfter401 = false;
    let malformedRetries = 0;
    for (let attempt = 1; ; attempt++) {
      const outcome = await attemptOnce(request);
      if (outcome.kind === "done") return outcome.response;
      if (outcome.kind === "authRejected") {
        // Tokens can be revoked or rotated before their expiry: fetch a fresh one, but only once.
        if (!refreshedAfter401 && request.invalidateToken) {
          refreshedAfter401 = true;
          request.invalidateToken(outcome.token);
          attempt--; // a refresh is not a retry of a failure
          continue;
        }
        throw errorFromResponse(request, outcome.response, attempt);
      }
      if (outcome.kind === "fatal") throw errorFromResponse(request, outcome.response, attempt);
      if (outcome.kind === "unknownOutcome") {
        const status = outcome.reason === "gatewayTimeout" ? 504 : 0;
        throw new GraphRequestError({ status, code: outcome.reason, method: request.method, path, attempts: attempt });
      }

      if (outcome.reason === "malformedResponse" || outcome.reason === "emptyPage") malformedRetries++;
      const exhausted = attempt >= settings.maxAttempts || malformedRetries > settings.maxMalformedRetries;
      if (exhausted) {
        const { code } = graphErrorCodeOf(outcome.body);
        throw new GraphRequestError({
          status: outcome.status,
          code: code ?? defaultCodeFor(outcome.reason),
          method: request.method,
          path,
          ...(outcome.requestId ? { requestId: outcome.requestId } : {}),
          attempts: attempt,
          transient: true,
        });
      }
      const delay = computeRetryDelay({
        retryNumber: attempt,
        retryAfterHeader: outcome.retryAfterHeader,
        nowMs: settings.now(),
        settings: settings.backoff,
        random: settings.random,
      });
      if (outcome.status === 429 && request.cost) {
        settings.budget.holdFor(delay.delayMs, request.cost.writes > 0 ? "writes" : "all");
      }
      settings.onRetry({
        method: request.method,
        path,
        attempt,
        reason: outcome.reason,
        status: outcome.status,
        delayMs: delay.delayMs,
        ...(delay.retryAfterSeconds !== undefined ? { retryAfterSeconds: delay.retryAfterSeconds } : {}),
      });
      await settings.sleep(delay.delayMs);
    }
  }

  return { send };
}

export type Transport = ReturnType<typeof createTransport>;

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  // 204 No Content and `POST /assign` answer with an empty body, which is a valid "nothing".
  if (text.trim() === "") return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function requestIdOf(response: TransportResponse): string | undefined {
  return response.headers.get("request-id") ?? graphErrorCodeOf(response.body).requestId;
}

function defaultCodeFor(reason: RetryReason): string {
  if (reason === "networkError" || reason === "timeout" || reason === "malformedResponse" || reason === "emptyPage") {
    return reason;
  }
  return "retriesExhausted";
}

function errorFromResponse(request: TransportRequest, response: TransportResponse, attempts: number): GraphRequestError {
  const { code, entraCodes } = graphErrorCodeOf(response.body);
  const requestId = requestIdOf(response);
  return new GraphRequestError({
    status: response.status,
    code: code ?? `http${response.status}`,
    ...(entraCodes ? { entraCodes } : {}),
    method: request.method,
    path: sanitizePath(request.url),
    ...(requestId ? { requestId } : {}),
    attempts,
  });
}
