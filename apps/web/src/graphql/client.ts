import { createClient as createSseClient } from "graphql-sse";
import { Client, cacheExchange, fetchExchange, mapExchange, subscriptionExchange } from "urql";
import { isUnauthenticated } from "./errors";
import { latestResultExchange } from "./latestResultExchange";

export interface AtlasClientOptions {
  /** Called once per failing operation whose error says the session is missing or expired. */
  onUnauthenticated: () => void;
}

export function createAtlasClient({ onUnauthenticated }: AtlasClientOptions): Client {
  // graphql-sse in its default "distinct connections" mode: one stream per subscription,
  // authenticated by the same session cookie as /graphql.
  const sseClient = createSseClient({ url: "/graphql/stream", credentials: "include" });

  return new Client({
    url: "/graphql",
    // Apollo's CSRF prevention rejects simple GET requests, so every operation is POSTed as JSON.
    preferGetMethod: false,
    fetchOptions: { credentials: "include" },
    exchanges: [
      mapExchange({
        onError(error) {
          if (isUnauthenticated(error)) onUnauthenticated();
        },
      }),
      cacheExchange,
      latestResultExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          return {
            subscribe(sink) {
              const dispose = sseClient.subscribe({ ...request, query: request.query ?? "" }, sink);
              return { unsubscribe: dispose };
            },
          };
        },
      }),
    ],
  });
}
