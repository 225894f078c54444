import { type DocumentNode, type GraphQLError, type GraphQLSchema, getOperationAST } from "graphql";
import { operationCost } from "./limits.ts";
import { isIntrospection, literalStringError } from "./operation-limits.ts";

type Estimate = ReturnType<typeof operationCost>;

/** What the operation guard learns from a document alone, whatever the request's variables. */
export interface DocumentFacts {
  schema: GraphQLSchema;
  document: DocumentNode;
  /** Asks for `__schema` or `__type`. */
  introspection: boolean;
  /** The refusal of a string literal (NUL, too long), if any. */
  literalError: GraphQLError | undefined;
  /** Estimates of the document's operations that declare no variables, by operation name. */
  fixedCosts: Map<string, Estimate>;
}

// Apollo keeps each parsed and validated document in its document store (an LRU keyed by the
// query text's hash) and hands the same DocumentNode to every request with that text. Keyed
// weakly by that node, these facts are computed once per query text and leave memory with it.
// A document outside the store (a fresh parse) simply misses: the answers are the same.
const factsBySchema = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, DocumentFacts>>();

export function documentFacts(schema: GraphQLSchema, document: DocumentNode): DocumentFacts {
  let byDocument = factsBySchema.get(schema);
  if (!byDocument) {
    byDocument = new WeakMap();
    factsBySchema.set(schema, byDocument);
  }
  let facts = byDocument.get(document);
  if (!facts) {
    facts = {
      schema,
      document,
      introspection: isIntrospection(document),
      literalError: literalStringError(document),
      fixedCosts: new Map(),
    };
    byDocument.set(document, facts);
  }
  return facts;
}

/**
 * {@link operationCost}, remembered per document and operation when the operation declares no
 * variables: page sizes, id lists and @include/@skip conditions are then literals, so the estimate
 * cannot change between requests. Operations with variables are estimated every time.
 */
export function costOf(facts: DocumentFacts, variables: Record<string, unknown> | undefined, operationName?: string | null): Estimate {
  const { schema, document, fixedCosts } = facts;
  const operation = getOperationAST(document, operationName);
  if (!operation || (operation.variableDefinitions?.length ?? 0) > 0) return operationCost(schema, document, variables, operationName);
  const key = operationName ?? "";
  if (!fixedCosts.has(key)) fixedCosts.set(key, operationCost(schema, document, undefined, operationName));
  return fixedCosts.get(key);
}
