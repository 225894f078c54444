import { randomUUID } from "node:crypto";
import type { RequestHandler } from "express";
import {
  type DocumentNode,
  type ExecutionResult,
  GraphQLError,
  type GraphQLSchema,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
} from "graphql";
import { createHandler } from "graphql-sse/lib/use/express";
import type { Context } from "../context.ts";
import { presentError } from "../graphql-errors.ts";
import { complexityError, depthLimitRule } from "../limits.ts";
import { type ContextDeps, createContext } from "./context.ts";

const rules = [...specifiedRules, depthLimitRule()];

type StreamContext = Context & Record<PropertyKey, unknown>;

/**
 * GET|POST /graphql/stream: subscriptions (and queries) over server-sent events, one connection
 * per operation ("distinct connections" mode). Same credentials, limits and error masking as /graphql.
 */
export function createStreamHandler(schema: GraphQLSchema, deps: ContextDeps): RequestHandler {
  const handler = createHandler<StreamContext>({
    schema,
    // No stream tokens: only the distinct connections mode is offered.
    authenticate: () => null,
    context: async (req) => (await createContext(deps, req.raw, randomUUID())) as StreamContext,
    validate: (schema, document) => validate(schema, document, rules),
    // Runs before execution: refuses mutations (they belong on POST /graphql, where CSRF prevention
    // applies) and operations past the complexity limit.
    onSubscribe: (_req, params) => {
      let document: DocumentNode;
      try {
        document = parse(params.query);
      } catch {
        return; // graphql-sse reports the syntax error
      }
      if (getOperationAST(document, params.operationName)?.operation === "mutation") {
        return { data: null, errors: [new GraphQLError("Send mutations to POST /graphql.", { extensions: { code: "BAD_REQUEST" } })] };
      }
      const tooComplex = complexityError(schema, document, params.variables ?? undefined, params.operationName);
      // graphql-sse recognises a result only with a `data` key.
      return tooComplex ? { data: null, errors: [tooComplex] } : undefined;
    },
    onNext: (context, _req, result) => {
      if (!result.errors?.length) return result;
      const errors = result.errors.map((error) => {
        // Request errors (validation, variables) have no path and no cause; Apollo codes them too.
        const requestError = !error.path && !error.originalError && !error.extensions?.code;
        const json = error.toJSON?.() ?? { message: error.message, extensions: error.extensions };
        const formatted = requestError ? { ...json, extensions: { ...json.extensions, code: "GRAPHQL_VALIDATION_FAILED" } } : json;
        const { error: presented, masked } = presentError(formatted, requestError ? undefined : error);
        if (masked)
          deps.logger.error("unexpected error in a GraphQL stream", { requestId: context.requestId, error: error.originalError ?? error });
        return { ...presented, extensions: { ...presented.extensions, requestId: context.requestId } };
      });
      return { ...result, errors } as unknown as ExecutionResult;
    },
  });
  return async (req, res, next) => {
    try {
      await handler(req, res);
    } catch (error) {
      // Context creation failures land here; they were logged with their request id.
      if (res.headersSent) res.end();
      else next(error);
    }
  };
}
