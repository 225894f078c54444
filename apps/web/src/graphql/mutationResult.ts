import type { MutationErrorFieldsFragment } from "./generated/graphql";

/**
 * Mutations return unions of a success payload and typed errors (NotFoundError, ForbiddenError,
 * ValidationError, ConflictError). This folds them into one shape the UI can switch on.
 */
export type FieldError = Extract<MutationErrorFieldsFragment, { __typename: "ValidationError" }>["fieldErrors"][number];

export type MutationOutcome<Success> =
  | { kind: "success"; payload: Success }
  | { kind: "rejected"; typename: string; message: string; fieldErrors: FieldError[] }
  | { kind: "failed"; message: string };

/** Any member of a mutation's result union: every selection carries its __typename. */
export interface TypedResult {
  __typename: string;
}

/** What MutationErrorFields lets an error member carry. */
interface ErrorMember {
  message?: unknown;
  fieldErrors?: FieldError[] | null;
}

function isMember<Result extends TypedResult, Typename extends Result["__typename"]>(
  result: Result,
  typename: Typename,
): result is Extract<Result, { __typename: Typename }> {
  return result.__typename === typename;
}

export function interpretMutationResult<Result extends TypedResult, Typename extends Result["__typename"]>(
  result: Result | null | undefined,
  successTypename: Typename,
  fallbackMessage: string,
): MutationOutcome<Extract<Result, { __typename: Typename }>> {
  if (!result) return { kind: "failed", message: fallbackMessage };
  if (isMember(result, successTypename)) return { kind: "success", payload: result };
  // Every other member is an error type selected through MutationErrorFields.
  const { message, fieldErrors } = result as Result & ErrorMember;
  if (typeof message === "string") {
    return { kind: "rejected", typename: result.__typename, message, fieldErrors: fieldErrors ?? [] };
  }
  return { kind: "failed", message: fallbackMessage };
}

/** One line for a toast: the error message followed by any field-level messages. */
export function describeRejection(outcome: { message: string; fieldErrors: FieldError[] }): string {
  const fieldLines = outcome.fieldErrors.map((fieldError) => `${fieldError.path.join(".")}: ${fieldError.message}`);
  return [outcome.message, ...fieldLines].join("\n");
}
