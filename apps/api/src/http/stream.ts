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
import { operationCost, depthLimitRule } from "../limits.ts";
import { MAX_STREAMS_PER_CREDENTIAL, type OpenStreams } from "../live/open-streams.ts";
import { PARSE_OPTIONS, inputStringError, introspectionRefusal, isIntrospection, operationShapeRule } from "../operation-limits.ts";
import { authenticateRequest } from "./auth.ts";
import { type ContextDeps, createContext } from "./context.ts";

const rules = [...specifiedRules, depthLimitRule(), operationShapeRule()];

/** What a stream's credential was when it opened; a change (revoke, logout, new role) ends the stream. */
function fingerprint(authenticated: Awaited<ReturnType<typeof authenticateRequest>>): string {
  return JSON.stringify(authenticated?.actor ?? null);
}

type StreamContext = Context & Record<PropertyKey, unknown>;

/**
 * GET|POST /graphql/stream: subscriptions (and queries) over server-sent events, one connection
 * per operation ("distinct connections" mode). Same credentials, limits and error masking as /graphql.
 */
export function createStreamHandler(schema: GraphQLSchema, deps: ContextDeps, streams: OpenStreams): RequestHandler {
  const handler = createHandler<StreamContext>({
    schema,
    // No stream tokens: only the distinct connections mode is offered.
    authenticate: () => null,
    context: async (req) => (await createContext(deps, req.raw, randomUUID())) as StreamContext,
    validate: (schema, document) => validate(schema, document, rules),
    // Runs before execution: refuses mutations (they belong on POST /graphql, where CSRF prevention
    // applies), operations past the limits, bad text input and anonymous introspection.
    onSubscribe: async (req, params) => {
      let document: DocumentNode;
      try {
        document = parse(params.query, PARSE_OPTIONS);
      } catch (error) {
        // graphql-sse parses again without the token limit: a document over it is refused here.
        if (error instanceof GraphQLError && /tokens/.test(error.message)) return { data: null, errors: [error] };
        return; // graphql-sse reports the syntax error
      }
      if (getOperationAST(document, params.operationName)?.operation === "mutation") {
        return { data: null, errors: [new GraphQLError("Send mutations to POST /graphql.", { extensions: { code: "BAD_REQUEST" } })] };
      }
      const refusal =
        inputStringError(document, params.variables ?? undefined) ??
        (isIntrospection(document) && !(await authenticateRequest(deps.credentials, req.raw)) ? introspectionRefusal() : undefined);
      const estimate = operationCost(schema, document, params.variables ?? undefined, params.operationName);
      const error = refusal ?? (estimate && "error" in estimate ? estimate.error : undefined);
      // graphql-sse recognises a result only with a `data` key.
      return error ? { data: null, errors: [error] } : undefined;
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
      const authenticated = await authenticateRequest(deps.credentials, req);
      if (authenticated) {
        const opened = fingerprint(authenticated);
        const stillValid = async () => fingerprint(await authenticateRequest(deps.credentials, req)) === opened;
        if (!streams.add(authenticated.key, res, stillValid)) {
          res.status(429).json({
            error: "TOO_MANY_STREAMS",
            message: `This token or session already has ${MAX_STREAMS_PER_CREDENTIAL} open event streams. Close one first.`,
          });
          return;
        }
      }
      await handler(req, res);
    } catch (error) {
      // Context creation failures land here; they were logged with their request id.
      if (res.headersSent) res.end();
      else next(error);
    }
  };
}
