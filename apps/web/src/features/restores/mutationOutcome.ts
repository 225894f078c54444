import type { TFunction } from "i18next";
import type { CombinedError } from "urql";
import { errorMessage } from "../../graphql/errors";
import { describeRejection, type FieldError, interpretMutationResult, type TypedResult } from "../../graphql/mutationResult";

export type RestoreStepResult<Payload> =
  | { ok: true; payload: Payload }
  | { ok: false; message: string; fieldErrors: FieldError[]; typename: string | null };

/** Folds a restore wizard mutation (transport error, typed error or payload) into one result. */
export function restoreStepResult<Result extends TypedResult, Typename extends Result["__typename"]>(
  data: Result | null | undefined,
  error: CombinedError | undefined,
  successTypename: Typename,
  t: TFunction,
): RestoreStepResult<Extract<Result, { __typename: Typename }>> {
  if (error) return { ok: false, message: errorMessage(error), fieldErrors: [], typename: null };
  const outcome = interpretMutationResult(data, successTypename, t("common.unexpectedError"));
  if (outcome.kind === "success") return { ok: true, payload: outcome.payload };
  if (outcome.kind === "rejected") {
    return { ok: false, message: describeRejection(outcome), fieldErrors: outcome.fieldErrors, typename: outcome.typename };
  }
  return { ok: false, message: outcome.message, fieldErrors: [], typename: null };
}

/** The message of the field error whose path ends with `field` (paths look like ["input", "typedTargetName"]). */
export function fieldErrorFor(fieldErrors: FieldError[], field: string): string | null {
  const match = fieldErrors.find((fieldError) => {
    return fieldError.path[fieldError.path.length - 1] === field;
  });
  return match?.message ?? null;
}
