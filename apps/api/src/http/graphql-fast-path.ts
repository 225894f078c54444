import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { type ApolloServer, HeaderMap } from "@apollo/server";
import type { Context } from "../context.ts";
import type { Logger } from "../logger.ts";
import type { GraphqlHandler } from "./graphql.ts";
import { readJsonBody } from "./json-body.ts";
import { sendRequestError } from "./request-errors.ts";
import { SECURITY_HEADERS, setSecurityHeaders } from "./security-headers.ts";

export const REQUEST_ID_HEADER = "X-Request-Id";

/** Gives the response its request id (header and logs); the express stack and the fast path share it. */
export function assignRequestId(res: ServerResponse): string {
  const requestId = randomUUID();
  res.setHeader(REQUEST_ID_HEADER, requestId);
  return requestId;
}

/**
 * One request through Apollo Server, written to Node's response: what @as-integrations/express5
 * does, minus express's `res.send` (its ETag means nothing for a POST, and hashing every answer
 * for it costs time). `headers` (flat name/value pairs) go out with Apollo's own in one
 * `writeHead`, which spares Node a header object per response; with the body's length known,
 * Node sends headers and body in one write instead of chunked encoding.
 */
export async function answerWithApollo(
  apollo: ApolloServer<Context>,
  req: IncomingMessage,
  res: ServerResponse,
  body: unknown,
  context: () => Promise<Context>,
  headers: string[],
): Promise<void> {
  const requestHeaders = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) requestHeaders.set(key, Array.isArray(value) ? value.join(", ") : value);
  }
  const url = req.url ?? "";
  const queryStart = url.indexOf("?");
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: "POST", headers: requestHeaders, search: queryStart < 0 ? "" : url.slice(queryStart), body },
    context,
  });
  for (const [key, value] of response.headers) headers.push(key, value);
  if (response.body.kind === "complete") {
    headers.push("content-length", String(Buffer.byteLength(response.body.string)));
    res.writeHead(response.status ?? 200, headers);
    res.end(response.body.string);
    return;
  }
  res.writeHead(response.status ?? 200, headers);
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/** `/graphql` exactly, with or without a query string (`/graphql/stream` is another route). */
function isGraphqlPath(url = ""): boolean {
  return url.startsWith("/graphql") && (url.length === 8 || url[8] === "?");
}

/**
 * POST /graphql, the API's hot path, answered before express: express's router walks every
 * middleware and router layer and swaps the prototypes of req and res on each request, which costs
 * more than a bare Apollo Server's whole request. The fast path does what the express stack does
 * for this route: request id, security headers, the JSON body (express.json's rules and 16 MB
 * limit, see json-body.ts), the same answer to a body it cannot read. Returns false for every other
 * request, which express then serves as before (also `/graphql/` and GET).
 */
export function createGraphqlFastPath(graphql: GraphqlHandler, logger: Logger): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    if (req.method !== "POST" || !isGraphqlPath(req.url)) return false;
    const requestId = randomUUID();
    const fail = (error: unknown) => {
      if (!res.headersSent) {
        setSecurityHeaders(res);
        res.setHeader(REQUEST_ID_HEADER, requestId);
      }
      sendRequestError(res, error, logger, requestId);
    };
    readJsonBody(req, res, (error) => {
      if (error) {
        fail(error);
        return;
      }
      const headers = [...SECURITY_HEADERS, REQUEST_ID_HEADER, requestId];
      graphql.answer(req, res, (req as IncomingMessage & { body?: unknown }).body, requestId, headers).catch(fail);
    });
    return true;
  };
}
