// Transport-neutral Graph responses: the same value becomes an HTTP response or a $batch item.

export interface GraphResponse {
  status: number;
  headers: Record<string, string>;
  /** JSON body; absent for 204. */
  body?: unknown;
  /** Sent verbatim instead of `body` (malformed-body fault). */
  rawBody?: string;
  /** Not sent: what a create made, for the history entry and faults that follow writes. */
  created?: { id: string; displayName: string };
  /** Not sent: the socket is destroyed instead of answering (dropConnection fault; the write still happened). */
  dropConnection?: boolean;
}

export const GRAPH_JSON_CONTENT_TYPE = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): GraphResponse {
  return { status, headers: { "Content-Type": GRAPH_JSON_CONTENT_TYPE, ...headers }, body };
}

export function noContent(): GraphResponse {
  return { status: 204, headers: {} };
}

/** Graph's error envelope: `{ error: { code, message, innerError: { date, request-id, ... } } }`. */
export function graphError(
  status: number,
  code: string,
  message: string,
  requestId: string,
  headers: Record<string, string> = {},
): GraphResponse {
  return jsonResponse(
    status,
    {
      error: {
        code,
        message,
        innerError: { date: new Date().toISOString().replace(/\.\d+Z$/, ""), "request-id": requestId, "client-request-id": requestId },
      },
    },
    headers,
  );
}

export function badRequest(message: string, requestId: string): GraphResponse {
  return graphError(400, "BadRequest", message, requestId);
}

/** Retry-After as Graph sends it: a decimal number of seconds (fractional only when time is scaled). */
export function formatRetryAfter(seconds: number): string {
  return String(Number(seconds.toFixed(3)));
}
