import { type ApolloServerPlugin, HeaderMap } from "@apollo/server";
import { GraphQLError } from "graphql";
import type { Context } from "../context.ts";
import { type CostBudgets, actualCost } from "../cost-budget.ts";
import { cachedInputStringError, cachedIsIntrospection, cachedOperationCost } from "../operation-analysis.ts";
import { introspectionRefusal } from "../operation-limits.ts";

function withStatus(error: GraphQLError, status: number, headers?: Record<string, string>): GraphQLError {
  const http = { status, ...(headers ? { headers: new HeaderMap(Object.entries(headers)) } : {}) };
  return new GraphQLError(error.message, { nodes: error.nodes, extensions: { ...error.extensions, http } });
}

/**
 * Runs after validation, before execution: refuses bad text input, anonymous introspection and
 * operations over the cost limit or the caller's budget (HTTP 429 with Retry-After), and reports
 * the cost in `extensions.cost` of every response: requested (estimate), actual (one point per
 * field returned) and the budget remaining.
 */
export function operationGuardPlugin(budgets: CostBudgets): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      let requested = 0;
      let charged = false;
      return {
        async didResolveOperation({ request, document, schema, operationName, contextValue }) {
          const badInput = cachedInputStringError(schema, document, request.variables);
          if (badInput) throw withStatus(badInput, 400);
          if (!contextValue.actor && cachedIsIntrospection(schema, document)) throw withStatus(introspectionRefusal(), 401);
          const estimate = cachedOperationCost(schema, document, request.variables, operationName);
          if (estimate && "error" in estimate) throw withStatus(estimate.error, 400);
          requested = estimate?.cost ?? 0;
          const charge = budgets.charge(contextValue.budgetKey, requested);
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
          charged = true;
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== "single") return;
          const result = response.body.singleResult;
          const actual = charged ? actualCost(result.data) : 0;
          const remaining = budgets.refund(contextValue.budgetKey, charged ? requested - actual : 0);
          result.extensions = { ...result.extensions, cost: { requested, actual, remaining } };
        },
      };
    },
  };
}
