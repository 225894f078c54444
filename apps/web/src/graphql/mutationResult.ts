/**
 * Mutations return unions of a success payload and typed errors (NotFoundError, ForbiddenError,
 * ValidationError, ConflictError). This folds them into one shape the UI can switch on.
 */
export interface FieldError {
  path: readonly string[] | string;
  message: string;
}

export type MutationOutcome<Success> =
  | { kind: "success"; payload: Success }
  | { kind: "rejected"; typename: string; message: string; fieldErrors: FieldError[] }
  | { kind: "failed"; message: string };

interface TypedResult {
  __typename?: string;
  message?: string;
  fieldErrors?: FieldError[] | null;
}

export function interpretMutationResult<Success>(
  result: TypedResult | null | undefined,
  successTypename: string,
  fallbackMessage: string,
): MutationOutcome<Success> {
  if (!result) return { kind: "failed", message: fallbackMessage };
  if (result.__typename === successTypename) {
    return { kind: "success", payload: result as Success };
  }
  if (typeof result.message === "string") {
    return {
      kind: "rejected",
      typename: result.__typename ?? "Error",
      message: result.message,
      fieldErrors: result.fieldErrors ?? [],
    };
  }
  return { kind: "failed", message: fallbackMessage };
}

/** One line for a toast: the error message followed by any field-level messages. */
export function describeRejection(outcome: { message: string; fieldErrors: FieldError[] }): string {
  const fieldLines = outcome.fieldErrors.map((fieldError) => {
    const path = Array.isArray(fieldError.path) ? fieldError.path.join(".") : String(fieldError.path);
    return `${path}: ${fieldError.message}`;
  });
  return [outcome.message, ...fieldLines].join("\n");
}
