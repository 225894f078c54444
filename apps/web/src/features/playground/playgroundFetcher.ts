import type { GraphiQLProps } from "graphiql";
import { getOperationAST, parse } from "graphql";
import { createClient as createSseClient } from "graphql-sse";

type Fetcher = GraphiQLProps["fetcher"];
type FetcherParams = Parameters<Fetcher>[0];

function isSubscription(params: FetcherParams): boolean {
  try {
    return getOperationAST(parse(params.query), params.operationName ?? undefined)?.operation === "subscription";
  } catch {
    // Unparseable documents go to the server, which reports the syntax error properly.
    return false;
  }
}

/**
 * Queries and mutations are POSTed to /graphql with the session cookie (Apollo's CSRF guard
 * accepts JSON POSTs); subscriptions stream from /graphql/stream like in the app itself.
 */
export function createPlaygroundFetcher(): Fetcher {
  const sseClient = createSseClient({ url: "/graphql/stream", credentials: "include" });

  return (params, options) => {
    if (isSubscription(params)) {
      return sseClient.iterate({
        query: params.query,
        operationName: params.operationName ?? undefined,
        variables: params.variables ?? undefined,
      });
    }
    return fetch("/graphql", {
      method: "POST",
      credentials: "include",
      headers: { "content-type": "application/json", accept: "application/json", ...options?.headers },
      body: JSON.stringify(params),
    }).then((response) => response.json());
  };
}
