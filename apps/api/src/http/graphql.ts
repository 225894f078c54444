import { ApolloServer, type ApolloServerPlugin, type GraphQLRequestListener } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestHandler } from "express";
import type { GraphQLSchema } from "graphql";
import type { Context } from "../context.ts";
import { presentError } from "../graphql-errors.ts";
import { depthLimitRule } from "../limits.ts";
import type { Logger } from "../logger.ts";
import { operationShapeRule, PARSE_OPTIONS } from "../operation-limits.ts";
import { type ContextDeps, createContext } from "./context.ts";
import { answerWithApollo } from "./graphql-fast-path.ts";
import { operationGuardPlugin } from "./operation-guard.ts";

/**
 * Logs the original of every masked error with the request id, and returns the id to the client.
 * It keeps no state per request, so every request shares one listener.
 */
function errorReportingPlugin(logger: Logger): ApolloServerPlugin<Context> {
  const listener: GraphQLRequestListener<Context> = {
    async didEncounterErrors({ errors, contextValue, operationName }) {
      for (const error of errors) {
        if (presentError({ message: error.message }, error).masked) {
          logger.error("unexpected error in a GraphQL request", {
            requestId: contextValue.requestId,
            operationName,
            path: error.path?.join("."),
            error: error.originalError ?? error,
          });
        }
      }
    },
    async willSendResponse({ response, contextValue }) {
      if (response.body.kind !== "single" || !response.body.singleResult.errors) return;
      response.body.singleResult.errors = response.body.singleResult.errors.map((error) => ({
        ...error,
        extensions: { ...error.extensions, requestId: contextValue.requestId },
      }));
    },
  };
  return { requestDidStart: async () => listener };
}

/**
 * Every answer carries `Cache-Control: no-store`, as Apollo's cache-control plugin set it for this
 * schema: no type or field declares a cache hint, so no answer was ever cacheable. That plugin is
 * off because it hooks every resolved field of every request to work out this constant.
 */
function noStorePlugin(): ApolloServerPlugin<Context> {
  const listener: GraphQLRequestListener<Context> = {
    async willSendResponse({ response }) {
      response.http.headers.set("cache-control", "no-store");
    },
  };
  return { requestDidStart: async () => listener };
}

export interface GraphqlHandler {
  /** GET and POST /graphql as an express route (after express.json). */
  handler: RequestHandler;
  /** POST /graphql straight from the HTTP server, its JSON body already read (graphql-fast-path.ts). */
  answer(req: IncomingMessage, res: ServerResponse, body: unknown, requestId: string): Promise<void>;
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
    // Allowed here; operationGuardPlugin refuses it to anonymous callers.
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
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      noStorePlugin(),
      operationGuardPlugin(deps.budgets),
      errorReportingPlugin(deps.logger),
    ],
  });
  const middleware = apollo.start().then(() =>
    expressMiddleware(apollo, {
      context: ({ req, res }) => createContext(deps, req, res.locals.requestId as string | undefined),
    }),
  );
  middleware.catch((error) => deps.logger.error("Apollo Server failed to start", { error }));
  return {
    handler: async (req, res, next) => (await middleware)(req, res, next),
    async answer(req, res, body, requestId) {
      await middleware;
      await answerWithApollo(apollo, req, res, body, () => createContext(deps, req, requestId));
    },
    async stop() {
      await middleware.catch(() => {});
      await apollo.stop();
    },
  };
}
