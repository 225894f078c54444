import {
  type ApolloServerPlugin,
  type GraphQLRequestContextDidResolveOperation,
  type GraphQLRequestContextWillSendResponse,
  type GraphQLRequestListener,
  HeaderMap,
} from "@apollo/server";
import { GraphQLError } from "graphql";
import type { Context } from "../context.ts";
import { type CostBudgets, actualCost } from "../cost-budget.ts";
import { costOf, documentFacts } from "../operation-analysis.ts";
import { introspectionRefusal, variableStringError } from "../operation-limits.ts";

function withStatus(error: GraphQLError, status: number, headers?: Record<string, string>): GraphQLError {
  const http = { status, ...(headers ? { headers: new HeaderMap(Object.entries(headers)) } : {}) };
  return new GraphQLError(error.message, { nodes: error.nodes, extensions: { ...error.extensions, http } });
}

/**
 * Runs after validation, before execution: refuses bad text input, anonymous introspection and
 * operations over the cost limit or the caller's budget (HTTP 429 with Retry-After), and reports
 * the cost in `extensions.cost` of every response: requested (estimate), actual (one point per
 * field returned) and the budget remaining. One instance per request holds what it charged.
 */
class OperationGuard implements GraphQLRequestListener<Context> {
  private requested = 0;
  private charged = false;

  constructor(private readonly budgets: CostBudgets) {}

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

  async willSendResponse({ response, contextValue }: GraphQLRequestContextWillSendResponse<Context>) {
    if (response.body.kind !== "single") return;
    const result = response.body.singleResult;
    const { requested, charged } = this;
    const actual = charged ? actualCost(result.data) : 0;
    const remaining = this.budgets.refund(contextValue.budgetKey, charged ? requested - actual : 0);
    const cost = { requested, actual, remaining };
    result.extensions = result.extensions ? { ...result.extensions, cost } : { cost };
  }
}

export function operationGuardPlugin(budgets: CostBudgets): ApolloServerPlugin<Context> {
  return { requestDidStart: async () => new OperationGuard(budgets) };
}
