import type { ServerResponse } from "node:http";
import type { Logger } from "../logger.ts";

/**
 * The answer to a request that failed outside a route's own handling: a client error (malformed or
 * oversized JSON, unsupported charset) keeps its 4xx status, anything else is logged and becomes a
 * 500 carrying the request id.
 */
export function sendRequestError(res: ServerResponse, error: unknown, logger: Logger, requestId: string | undefined): void {
  const status = (error as { status?: number }).status;
  if (status && status >= 400 && status < 500) {
    sendJson(res, status, { error: "BAD_REQUEST", message: "The request could not be read (malformed JSON?)." });
    return;
  }
  logger.error("unexpected error in an HTTP request", { requestId, error });
  if (!res.headersSent) sendJson(res, 500, { error: "INTERNAL_SERVER_ERROR", message: "Internal server error", requestId });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.end(JSON.stringify(body));
}
