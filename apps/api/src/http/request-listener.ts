import {
  type ApolloServerPlugin,
  type GraphQLRequestContextDidEncounterErrors,
  type GraphQLRequestContextDidResolveOperation,
  type GraphQLRequestContextWillSendResponse,
  type GraphQLRequestListener,
  HeaderMap,
} from "@apollo/server";
import { GraphQLError } from "graphql";
import type { Context } from "../context.ts";
import { type CostBudgets, actualCost } from "../cost-budget.ts";
import { presentError } from "../graphql-errors.ts";
import type { Logger } from "../logger.ts";
import { costOf, documentFacts } from "../operation-analysis.ts";
import { introspectionRefusal, variableStringError } from "../operation-limits.ts";

function withStatus(error: GraphQLError, status: number, headers?: Record<string, string>): GraphQLError {
  const http = { status, ...(headers ? { headers: new HeaderMap(Object.entries(headers)) } : {}) };
  return new GraphQLError(error.message, { nodes: error.nodes, extensions: { ...error.extensions, http } });
}

/**
 * What the API adds to each GraphQL request, as one listener (one object per request, one call
 * per Apollo hook, instead of a plugin per concern):
 * - after validation, before execution: refuses bad text input, anonymous introspection and
 *   operations over the cost limit or the caller's budget (HTTP 429 with Retry-After);
 * - reports the cost in `extensions.cost` of every response: requested (estimate), actual (one
 *   point per field returned) and the budget remaining;
 * - `Cache-Control: no-store` on every answer, as Apollo's cache-control plugin set it for this
 *   schema (no type or field declares a cache hint); that plugin is off because it hooks every
 *   resolved field of every request to work out this constant;
 * - logs the original of every masked error with the request id, and returns the id to the client.
 */
class RequestListener implements GraphQLRequestListener<Context> {
  private requested = 0;
  /** Set once the caller's budget is charged: what is not used is given back to it. */
  private charged = false;

  constructor(
    private readonly budgets: CostBudgets,
    private readonly logger: Logger,
  ) {}

  async didResolveOperation({ request, document, schema, operationName, contextValue }: GraphQLRequestContextDidResolveOperation<Context>) {
    // The document's own checks come from a per-document cache; variables are checked each time.
    const facts = documentFacts(schema, document);
    const badInput = variableStringError(request.variables) ?? facts.literalError;
    if (badInput) throw withStatus(badInput, 400);
    if (!contextValue.actor && facts.introspection) throw withStatus(introspectionRefusal(), 401);
    const estimate = costOf(facts, request.variables, operationName);
    if (estimate && "error" in estimate) throw withStatus(estimate.error, 400);
    const requested = estimate?.cost ?? 0;
    this.requested = requested;
    const charge = this.budgets.charge(contextValue.budgetKey, requested);
    if (!charge.granted) {
      const retryAfter = String(charge.retryAfterSeconds);
      throw withStatus(
        new GraphQLError(
          `The cost budget of this token or session is spent: this query costs ${requested}, ${charge.remaining} remain. Retry after ${retryAfter} seconds.`,
          {
            extensions: {
              code: "RATE_LIMITED",
              retryAfterSeconds: charge.retryAfterSeconds,
              cost: { requested, remaining: charge.remaining },
            },
          },
        ),
        429,
        { "retry-after": retryAfter },
      );
    }
    this.charged = true;
  }

  async didEncounterErrors({ errors, contextValue, operationName }: GraphQLRequestContextDidEncounterErrors<Context>) {
    for (const error of errors) {
      if (presentError({ message: error.message }, error).masked) {
        this.logger.error("unexpected error in a GraphQL request", {
          requestId: contextValue.requestId,
          operationName,
          path: error.path?.join("."),
          error: error.originalError ?? error,
        });
      }
    }
  }

  async willSendResponse({ response, contextValue }: GraphQLRequestContextWillSendResponse<Context>) {
    response.http.headers.set("cache-control", "no-store");
    if (response.body.kind !== "single") return;
    const result = response.body.singleResult;
    const { requested, charged } = this;
    const actual = charged ? actualCost(result.data) : 0;
    const remaining = this.budgets.refund(contextValue.budgetKey, charged ? requested - actual : 0);
    const cost = { requested, actual, remaining };
    result.extensions = result.extensions ? { ...result.extensions, cost } : { cost };
    if (result.errors) {
      const { requestId } = contextValue;
      result.errors = result.errors.map((error) => ({ ...error, extensions: { ...error.extensions, requestId } }));
    }
  }
}

export function requestPlugin(budgets: CostBudgets, logger: Logger): ApolloServerPlugin<Context> {
  return { requestDidStart: async () => new RequestListener(budgets, logger) };
}
