// JSON $batch: up to 20 requests, answered with 200 and one response per item. Items run in order,
// one after another, each through the full pipeline (faults, throttling, history) on its own.
// `dependsOn` needs no special handling because of that sequential order.

import { randomUUID } from "node:crypto";
import type { Principal } from "./auth.ts";
import { type FaultShaping, applyFaultsBeforeRouting, applyMalformedBody, executeGraphCall } from "./graph-pipeline.ts";
import { badRequest, type GraphResponse, jsonResponse } from "./graph-response.ts";
import type { SimState } from "./sim-state.ts";

export const MAX_BATCH_REQUESTS = 20;

export interface BatchCall {
  version: string;
  body: unknown;
  baseUrl: string;
  principal: Principal;
  requestId: string;
}

interface BatchItem {
  id: string;
  method: string;
  url: string;
  body?: unknown;
}

/** Returns the response plus what the envelope's own faults did, for the envelope's history entry. */
export async function executeBatch(state: SimState, call: BatchCall): Promise<{ response: GraphResponse; shaping: FaultShaping }> {
  const target = { tenantId: call.principal.tenantId, path: `/${call.version}/$batch`, envelope: true };
  const shaping = await applyFaultsBeforeRouting(state, target, call.requestId);
  if (shaping.response) return { response: shaping.response, shaping };

  const parsed = parseBatch(call.body);
  if (typeof parsed === "string") return { response: badRequest(parsed, call.requestId), shaping };

  const responses: Array<Record<string, unknown>> = [];
  for (const item of parsed) {
    const result = await executeGraphCall(state, {
      method: item.method,
      version: call.version,
      pathAndQuery: item.url,
      body: item.body,
      baseUrl: call.baseUrl,
      principal: call.principal,
      requestId: randomUUID(),
      batch: { batchRequestId: call.requestId, itemId: item.id },
    });
    // Non-JSON payloads (the malformed-body fault) travel as a string body, as Graph does for them.
    const body = result.rawBody ?? result.body;
    responses.push({ id: item.id, status: result.status, headers: result.headers, ...(body === undefined ? {} : { body }) });
  }
  const response = jsonResponse(200, { responses });
  const malformed = applyMalformedBody(state, target, response);
  return malformed ? { response: malformed, shaping: { fault: "malformedBody" } } : { response, shaping };
}

/** The validated items, or a Graph-like error message for the whole batch. */
function parseBatch(body: unknown): BatchItem[] | string {
  const requests = (body as { requests?: unknown } | null)?.requests;
  if (!Array.isArray(requests)) return "Invalid batch payload format: a 'requests' array is required.";
  if (requests.length === 0) return "Invalid batch payload format: the batch must contain at least one request.";
  if (requests.length > MAX_BATCH_REQUESTS) {
    return `Number of batch requests (${requests.length}) exceeds the maximum of ${MAX_BATCH_REQUESTS}.`;
  }
  const items: BatchItem[] = [];
  const ids = new Set<string>();
  for (const raw of requests as Array<Record<string, unknown> | null>) {
    const id = raw?.id;
    const method = raw?.method;
    const url = raw?.url;
    if (typeof id !== "string" || id === "") return "Invalid batch payload format: every request needs a string 'id'.";
    if (ids.has(id)) return `Invalid batch payload format: duplicate request id '${id}'.`;
    ids.add(id);
    if (typeof method !== "string" || typeof url !== "string" || url === "") {
      return `Invalid batch payload format: request '${id}' needs 'method' and 'url'.`;
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return `Invalid batch payload format: request '${id}' has an absolute url; use a relative one.`;
    items.push({ id, method: method.toUpperCase(), url: url.startsWith("/") ? url : `/${url}`, body: raw?.body });
  }
  return items;
}
