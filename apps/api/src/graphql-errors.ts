import { ConflictError, DomainError, ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from "@atlas/core";
import { PothosValidationError } from "@pothos/core";
import { GraphQLError, type GraphQLFormattedError } from "graphql";

export const INTERNAL_MESSAGE = "Internal server error";

export function unauthenticatedError(): GraphQLError {
  return new GraphQLError(new UnauthenticatedError().message, { extensions: { code: "UNAUTHENTICATED" } });
}

export function badUserInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT" } });
}

/** The code an expected (domain or input) error is reported with; undefined for unexpected errors. */
export function codeOfExpectedError(error: unknown): string | undefined {
  if (error instanceof NotFoundError) return "NOT_FOUND";
  if (error instanceof ForbiddenError) return "FORBIDDEN";
  if (error instanceof UnauthenticatedError) return "UNAUTHENTICATED";
  if (error instanceof ValidationError) return "BAD_USER_INPUT";
  if (error instanceof ConflictError) return "CONFLICT";
  if (error instanceof DomainError) return "BAD_REQUEST";
  // Pothos rejects malformed cursors and page sizes with these; their messages carry no internals.
  if (error instanceof PothosValidationError) return "BAD_USER_INPUT";
  return undefined;
}

/**
 * The error as the client sees it. GraphQL's own errors (syntax, validation, ours with a code) pass;
 * domain errors keep their safe message; everything else becomes a masked INTERNAL_SERVER_ERROR.
 * Returns `masked: true` so the caller logs the original.
 */
export function presentError(formatted: GraphQLFormattedError, error: unknown): { error: GraphQLFormattedError; masked: boolean } {
  const original = error instanceof GraphQLError ? error.originalError : error;
  const code = original ? codeOfExpectedError(original) : undefined;
  if (code) {
    return {
      error: { message: (original as Error).message, locations: formatted.locations, path: formatted.path, extensions: { code } },
      masked: false,
    };
  }
  // Errors graphql-js and we raise for clients carry a code (syntax, validation, UNAUTHENTICATED...);
  // anything that would go out as INTERNAL_SERVER_ERROR is masked, whatever its origin.
  const own = original instanceof GraphQLError ? original : undefined;
  const extensions = { ...formatted.extensions, ...own?.extensions };
  if ((!original || own) && extensions.code && extensions.code !== "INTERNAL_SERVER_ERROR") {
    return { error: { ...formatted, extensions }, masked: false };
  }
  const requestId = own?.extensions?.requestId;
  return {
    error: {
      message: INTERNAL_MESSAGE,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: "INTERNAL_SERVER_ERROR", ...(requestId ? { requestId } : {}) },
    },
    masked: !(own && own.message === INTERNAL_MESSAGE),
  };
}
