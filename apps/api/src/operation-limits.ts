import { type ASTNode, type DocumentNode, GraphQLError, type ValidationRule, visit } from "graphql";

/**
 * Shape limits per operation (README "Partner API limits"). The SPA's largest operation stays far
 * inside each (test/integration/api-cost-limits.test.ts walks every one it sends).
 */
export const OPERATION_LIMITS = {
  /** Lexical tokens in the document (refused while parsing, before anything else runs). */
  tokens: 5000,
  aliases: 30,
  directives: 20,
  rootFields: 20,
} as const;

/**
 * Largest GraphQL request body: room for a baseline import of a whole exported folder (base64 grows
 * it by a third). Everything else the app reads is limited to 1 MB.
 */
export const GRAPHQL_BODY_LIMIT = "16mb";

/** Longest string the API accepts in a variable or literal (names, searches, reasons). */
export const MAX_INPUT_STRING = 10_000;

/**
 * Variables that carry a file's bytes (importBaseline's `contentBase64`) are exempt from the text
 * limit: an exported policy is often larger. The request body limit still bounds them.
 */
const FILE_CONTENT_KEYS = new Set(["contentBase64"]);

function refusal(message: string, code: string, node?: ASTNode): GraphQLError {
  return new GraphQLError(message, { nodes: node ? [node] : undefined, extensions: { code } });
}

/** A validation rule: refuses operations with too many aliases, directives or root fields. */
export function operationShapeRule(): ValidationRule {
  return (context) => {
    let aliases = 0;
    let directives = 0;
    return {
      Field(field) {
        if (field.alias) aliases += 1;
      },
      Directive() {
        directives += 1;
      },
      OperationDefinition(operation) {
        const rootFields = operation.selectionSet.selections.length;
        if (rootFields > OPERATION_LIMITS.rootFields)
          context.reportError(
            refusal(
              `The operation selects ${rootFields} root fields; the maximum is ${OPERATION_LIMITS.rootFields}. Split it into several operations.`,
              "TOO_MANY_ROOT_FIELDS",
              operation,
            ),
          );
      },
      Document: {
        leave(document) {
          if (aliases > OPERATION_LIMITS.aliases)
            context.reportError(
              refusal(`The document uses ${aliases} aliases; the maximum is ${OPERATION_LIMITS.aliases}.`, "TOO_MANY_ALIASES", document),
            );
          if (directives > OPERATION_LIMITS.directives)
            context.reportError(
              refusal(
                `The document uses ${directives} directives; the maximum is ${OPERATION_LIMITS.directives}.`,
                "TOO_MANY_DIRECTIVES",
                document,
              ),
            );
        },
      },
    };
  };
}

function badString(value: string): string | undefined {
  if (value.includes("\0")) return "contains a NUL character";
  if (value.length > MAX_INPUT_STRING) return `is longer than ${MAX_INPUT_STRING} characters`;
  return undefined;
}

function findBadVariable(value: unknown, path: string, key?: string): string | undefined {
  if (typeof value === "string") {
    const problem = key && FILE_CONTENT_KEYS.has(key) ? (value.includes("\0") ? "contains a NUL character" : undefined) : badString(value);
    return problem && `Variable "${path}" ${problem}.`;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findBadVariable(item, `${path}[${index}]`);
      if (found) return found;
    }
  } else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const found = findBadVariable(item, `${path}.${key}`, key);
      if (found) return found;
    }
  }
  return undefined;
}

/** The first text variable that {@link inputStringError} refuses, if any. */
export function variableStringError(variables: Record<string, unknown> | undefined): GraphQLError | undefined {
  for (const [name, value] of Object.entries(variables ?? {})) {
    const problem = findBadVariable(value, `$${name}`);
    if (problem) return refusal(problem, "BAD_USER_INPUT");
  }
  return undefined;
}

/** The refusal of a string literal in the document, if any (it depends on the document only). */
export function literalStringError(document: DocumentNode): GraphQLError | undefined {
  let literalProblem: string | undefined;
  visit(document, {
    StringValue(node) {
      literalProblem ??= badString(node.value);
    },
  });
  return literalProblem ? refusal(`A string argument ${literalProblem}.`, "BAD_USER_INPUT") : undefined;
}

/**
 * Text input PostgreSQL cannot store (NUL) or that no form produces (over 10,000 characters) is
 * refused as BAD_USER_INPUT before anything runs, wherever it appears: variables or literals.
 */
export function inputStringError(document: DocumentNode, variables: Record<string, unknown> | undefined): GraphQLError | undefined {
  return variableStringError(variables) ?? literalStringError(document);
}

/** Whether the operation asks for the schema (`__schema` or `__type`); `__typename` is not introspection. */
export function isIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === "__schema" || node.name.value === "__type") found = true;
    },
  });
  return found;
}

export function introspectionRefusal(): GraphQLError {
  return new GraphQLError("Sign in or send an API token to read the schema (introspection).", {
    extensions: { code: "UNAUTHENTICATED" },
  });
}

export const PARSE_OPTIONS = { maxTokens: OPERATION_LIMITS.tokens } as const;
