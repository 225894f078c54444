// What happens to every authenticated Graph request, single or inside a $batch:
// latency fault -> throttle storm / server error faults -> Intune throttling -> routing
// (dropPage fault) -> after-write faults (mutateAfterWrite, dropConnection) -> malformed body
// fault -> history. Each $batch item runs this on its own,
// which is how one item can be a 429 inside a 200 batch response.

import { setTimeout as sleep } from "node:timers/promises";
import type { Principal } from "./auth.ts";
import type { FaultTarget } from "./faults.ts";
import { formatRetryAfter, graphError, type GraphResponse, GRAPH_JSON_CONTENT_TYPE } from "./graph-response.ts";
import { routeGraphRequest } from "./graph-routes.ts";
import { preciseNow } from "./history.ts";
import { requireTenant, type SimState } from "./sim-state.ts";
import { scaleSeconds } from "./throttle.ts";
import { applyAfterWriteFaults } from "./write-faults.ts";
import type { FaultKind } from "./types.ts";

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export interface GraphCall {
  method: string;
  version: string;
  /** Below the version root, starting with `/`, incl. query. */
  pathAndQuery: string;
  body: unknown;
  baseUrl: string;
  principal: Principal;
  requestId: string;
  batch?: { batchRequestId: string; itemId: string };
}

/** Outcome of the faults checked before a request reaches throttling and routing. */
export interface FaultShaping {
  response?: GraphResponse;
  fault?: FaultKind;
  retryAfterSeconds?: number;
}

export async function executeGraphCall(state: SimState, call: GraphCall): Promise<GraphResponse> {
  const at = preciseNow();
  const path = `/${call.version}${call.pathAndQuery}`;
  const target: FaultTarget = { tenantId: call.principal.tenantId, path };
  const shaping = await applyFaultsBeforeRouting(state, target, call.requestId);
  let response = shaping.response;
  let { fault, retryAfterSeconds } = shaping;

  if (!response) {
    const decision = state.throttle.admit(call.principal.tenantId, call.principal.clientId, WRITE_METHODS.has(call.method));
    if (!decision.admitted) {
      retryAfterSeconds = decision.retryAfterSeconds;
      response = tooManyRequests(call.requestId, retryAfterSeconds);
    } else {
      const queryStart = call.pathAndQuery.indexOf("?");
      const pathname = queryStart < 0 ? call.pathAndQuery : call.pathAndQuery.slice(0, queryStart);
      const store = requireTenant(state, call.principal.tenantId);
      response = routeGraphRequest({
        method: call.method,
        version: call.version,
        pathname,
        rawQuery: queryStart < 0 ? "" : call.pathAndQuery.slice(queryStart + 1),
        body: call.body,
        baseUrl: call.baseUrl,
        requestId: call.requestId,
        store,
        shouldDropPage: (pageNumber) => {
          const dropped = state.faults.take("dropPage", target, (candidate) => candidate.page === pageNumber);
          if (dropped) fault = "dropPage";
          return dropped !== undefined;
        },
        shouldIgnoreCount: () => {
          const ignored = state.faults.take("ignoreCount", target);
          if (ignored) fault = "ignoreCount";
          return ignored !== undefined;
        },
      });
      fault =
        applyAfterWriteFaults(state, store, target, { method: call.method, pathname, inBatch: call.batch !== undefined }, response) ??
        fault;
      const malformed = applyMalformedBody(state, target, response);
      if (malformed) {
        response = { ...malformed, created: response.created, dropConnection: response.dropConnection };
        fault = "malformedBody";
      }
    }
  }

  response.headers["request-id"] = call.requestId;
  response.headers["client-request-id"] = call.requestId;
  state.history.record({
    at,
    requestId: call.requestId,
    tenantId: call.principal.tenantId,
    clientId: call.principal.clientId,
    method: call.method,
    path,
    status: response.status,
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    ...(call.batch ? { batchItemOf: call.batch.batchRequestId, batchItemId: call.batch.itemId } : {}),
    ...(fault ? { fault } : {}),
    ...(response.created ? { createdId: response.created.id, createdDisplayName: response.created.displayName } : {}),
  });
  return response;
}

/** Latency (then continue), throttle storm and server error faults. Used for $batch envelopes too. */
export async function applyFaultsBeforeRouting(state: SimState, target: FaultTarget, requestId: string): Promise<FaultShaping> {
  let fault: FaultKind | undefined;
  const latency = state.faults.take("latency", target);
  if (latency) {
    fault = "latency";
    await sleep(latency.ms);
  }
  const storm = state.faults.take("throttleStorm", target);
  if (storm) {
    const retryAfterSeconds = storm.retryAfterSeconds === undefined ? undefined : scaleSeconds(storm.retryAfterSeconds, state.timeScale);
    return {
      fault: "throttleStorm",
      response: tooManyRequests(requestId, retryAfterSeconds),
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    };
  }
  if (state.faults.take("consentMissing", target, (candidate) => candidate.stage === "graph")) {
    return {
      fault: "consentMissing",
      response: graphError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.", requestId),
    };
  }
  const serverError = state.faults.take("serverError", target);
  if (serverError) {
    const status = serverError.status ?? 503;
    const code = SERVER_ERROR_CODES[status] ?? "InternalServerError";
    return {
      fault: "serverError",
      response: graphError(status, code, "The service is temporarily unavailable (injected fault).", requestId),
    };
  }
  return fault ? { fault } : {};
}

/** A 200 whose body is cut in half: valid-looking JSON start, invalid as a whole. */
export function applyMalformedBody(state: SimState, target: FaultTarget, response: GraphResponse): GraphResponse | undefined {
  if (!state.faults.take("malformedBody", target)) return undefined;
  const text = JSON.stringify(response.body ?? { value: [] });
  return {
    status: 200,
    headers: { "Content-Type": GRAPH_JSON_CONTENT_TYPE },
    rawBody: text.slice(0, Math.max(1, Math.floor(text.length / 2))),
  };
}

function tooManyRequests(requestId: string, retryAfterSeconds: number | undefined): GraphResponse {
  const headers: Record<string, string> = retryAfterSeconds === undefined ? {} : { "Retry-After": formatRetryAfter(retryAfterSeconds) };
  return graphError(
    429,
    "TooManyRequests",
    "Too many requests: the tenant or app exceeded its Intune request limit. Retry after the Retry-After interval.",
    requestId,
    headers,
  );
}

const SERVER_ERROR_CODES: Record<number, string> = {
  500: "InternalServerError",
  502: "BadGateway",
  503: "ServiceUnavailable",
  504: "GatewayTimeout",
};
