import type { TFunction } from "i18next";
import type { CombinedError } from "urql";
import { errorMessage } from "../../graphql/errors";
import { describeRejection, type FieldError, interpretMutationResult } from "../../graphql/mutationResult";

export type RestoreStepResult<Payload> =
  | { ok: true; payload: Payload }
  | { ok: false; message: string; fieldErrors: FieldError[]; typename: string | null };

/** Folds a restore wizard mutation (transport error, typed error or payload) into one result. */
export function restoreStepResult<Payload>(
  data: unknown,
  error: CombinedError | undefined,
  successTypename: string,
  t: TFunction,
): RestoreStepResult<Payload> {
  if (error) return { ok: false, message: errorMessage(error), fieldErrors: [], typename: null };
  const outcome = interpretMutationResult<Payload>(
    (data ?? null) as Parameters<typeof interpretMutationResult>[0],
    successTypename,
    t("common.unexpectedError"),
  );
  if (outcome.kind === "success") return { ok: true, payload: outcome.payload };
  if (outcome.kind === "rejected") {
    return { ok: false, message: describeRejection(outcome), fieldErrors: outcome.fieldErrors, typename: outcome.typename };
  }
  return { ok: false, message: outcome.message, fieldErrors: [], typename: null };
}

/** The message of the field error whose path ends with `field` (paths look like ["input", "typedTargetName"]). */
export function fieldErrorFor(fieldErrors: FieldError[], field: string): string | null {
  const match = fieldErrors.find((fieldError) => {
    const path = Array.isArray(fieldError.path) ? fieldError.path : String(fieldError.path).split(".");
    return path[path.length - 1] === field;
  });
  return match?.message ?? null;
}
