import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestHandler } from "express";
import type { GraphQLSchema } from "graphql";
import type { Context } from "../context.ts";
import { presentError } from "../graphql-errors.ts";
import { depthLimitRule } from "../limits.ts";
import { operationShapeRule, PARSE_OPTIONS } from "../operation-limits.ts";
import { type ContextDeps, createContext } from "./context.ts";
import { answerWithApollo } from "./graphql-fast-path.ts";
import { requestPlugin } from "./request-listener.ts";

export interface GraphqlHandler {
  /** GET and POST /graphql as an express route (after express.json). */
  handler: RequestHandler;
  /** POST /graphql straight from the HTTP server, its JSON body already read (graphql-fast-path.ts). */
  answer(req: IncomingMessage, res: ServerResponse, body: unknown, requestId: string, headers: string[]): Promise<void>;
  stop(): Promise<void>;
}

/**
 * POST (and GET) /graphql through Apollo Server. Apollo starts in the background; requests wait for
 * it, so the server can be created synchronously.
 */
export function createGraphqlHandler(schema: GraphQLSchema, deps: ContextDeps): GraphqlHandler {
  const apollo = new ApolloServer<Context>({
    schema,
    csrfPrevention: true,
    // Allowed here; the request listener refuses it to anonymous callers.
    introspection: true,
    includeStacktraceInErrorResponses: false,
    parseOptions: PARSE_OPTIONS,
    validationRules: [depthLimitRule(), operationShapeRule()],
    formatError: (formatted, error) => presentError(formatted, error).error,
    logger: {
      debug: () => {},
      info: () => {},
      warn: (message) => deps.logger.warn(String(message)),
      error: (message) => deps.logger.error(String(message)),
    },
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled(), requestPlugin(deps.budgets, deps.logger)],
  });
  const middleware = apollo.start().then(() =>
    expressMiddleware(apollo, {
      context: ({ req, res }) => createContext(deps, req, res.locals.requestId as string | undefined),
    }),
  );
  middleware.catch((error) => deps.logger.error("Apollo Server failed to start", { error }));
  return {
    handler: async (req, res, next) => (await middleware)(req, res, next),
    async answer(req, res, body, requestId, headers) {
      await middleware;
      await answerWithApollo(apollo, req, res, body, () => createContext(deps, req, requestId), headers);
    },
    async stop() {
      await middleware.catch(() => {});
      await apollo.stop();
    },
  };
}
