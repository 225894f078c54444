import { createRequire } from "node:module";
import {
  type ASTNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  type SelectionSetNode,
  type ValidationRule,
  getOperationAST,
  getVariableValues,
} from "graphql";
import type * as QueryComplexity from "graphql-query-complexity";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./builder.ts";

// The package's ESM build imports graphql's .mjs files: a second graphql realm next to the CJS one
// Pothos and Apollo use. Its CJS build shares theirs.
const { getComplexity, simpleEstimator } = createRequire(import.meta.url)("graphql-query-complexity") as typeof QueryComplexity;

export const MAX_DEPTH = 10;
export const MAX_COMPLEXITY = 5000;

/** Depth of the deepest field path; introspection (__schema, __type) is not counted. */
function selectionDepth(
  selectionSet: SelectionSetNode | undefined,
  fragments: Map<string, FragmentDefinitionNode>,
  visiting: Set<string>,
): number {
  if (!selectionSet) return 0;
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith("__")) continue;
      deepest = Math.max(deepest, 1 + selectionDepth(selection.selectionSet, fragments, visiting));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, selectionDepth(selection.selectionSet, fragments, visiting));
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (!fragment || visiting.has(name)) continue; // unknown or cyclic: other rules report it
      visiting.add(name);
      deepest = Math.max(deepest, selectionDepth(fragment.selectionSet, fragments, visiting));
      visiting.delete(name);
    }
  }
  return deepest;
}

/** A validation rule: rejects operations nested deeper than `maxDepth` fields. */
export function depthLimitRule(maxDepth = MAX_DEPTH): ValidationRule {
  return (context) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    return {
      OperationDefinition(operation) {
        const depth = selectionDepth(operation.selectionSet, fragments, new Set());
        if (depth > maxDepth) {
          const name = operation.name ? `Operation "${operation.name.value}"` : "The operation";
          context.reportError(
            new GraphQLError(`${name} is nested ${depth} levels deep; the maximum depth is ${maxDepth}. Split it into several queries.`, {
              nodes: [operation as ASTNode],
              extensions: { code: "QUERY_TOO_DEEP" },
            }),
          );
        }
      },
    };
  };
}

function pageSize(args: Record<string, unknown>): number {
  const requested = typeof args.first === "number" ? args.first : typeof args.last === "number" ? args.last : DEFAULT_PAGE_SIZE;
  return Math.max(0, Math.min(requested, MAX_PAGE_SIZE));
}

/** A connection costs its page size times what each node asks for; `nodes(ids)` its id count. */
const listEstimator: QueryComplexity.ComplexityEstimator = ({ field, args, childComplexity }) => {
  const typeName = String(field.type).replace(/[[\]!]/g, "");
  if (typeName.endsWith("Connection")) return 1 + pageSize(args) * Math.max(childComplexity, 1);
  if (field.name === "nodes" && Array.isArray(args.ids)) return 1 + Math.min(args.ids.length, MAX_PAGE_SIZE) * Math.max(childComplexity, 1);
  return undefined;
};

/** `__typename` is metadata the server already has: clients (and the SPA's generated documents) ask for it freely. */
const typenameEstimator: QueryComplexity.ComplexityEstimator = ({ field }) => (field.name === "__typename" ? 0 : undefined);

/**
 * The requested cost of an operation with its variables (page sizes are often variables, so this
 * runs once they are known, right after validation): a number, or the error to refuse it with.
 * Variables that do not fit the operation are left to execution, which reports them precisely;
 * any other failure of the estimate (e.g. its node limit) refuses the operation.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName?: string | null,
  maximum = MAX_COMPLEXITY,
): { cost: number } | { error: GraphQLError } | undefined {
  const operation = getOperationAST(document, operationName);
  if (!operation) return undefined;
  if (getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}).errors) return undefined;
  let complexity: number;
  try {
    complexity = getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      operationName: operationName ?? undefined,
      estimators: [typenameEstimator, listEstimator, simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch {
    return {
      error: new GraphQLError(
        `The query is too large to estimate its cost; the maximum cost is ${maximum}. Split it into smaller queries.`,
        {
          extensions: { code: "QUERY_TOO_COMPLEX", maximumComplexity: maximum },
        },
      ),
    };
  }
  if (complexity <= maximum) return { cost: complexity };
  return {
    error: new GraphQLError(
      `The query is too complex: its cost is ${complexity}, the maximum is ${maximum}. Ask for fewer items per page (first) or fewer nested lists.`,
      { extensions: { code: "QUERY_TOO_COMPLEX", complexity, maximumComplexity: maximum } },
    ),
  };
}
