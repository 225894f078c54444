import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@atlas/core";
import type { FieldError } from "@atlas/core";
import { builder } from "../builder.ts";

/*
 * The expected failures of core services as GraphQL types. @pothos/plugin-errors catches them in
 * every mutation that declares a result union (builder.ts lists them as the default error types)
 * and returns them as members of that union; anything else is thrown and masked.
 */

export const ErrorInterface = builder.interfaceRef<Error>("Error").implement({
  description: "An expected failure, returned as a member of a mutation's result union.",
  fields: (t) => ({ message: t.exposeString("message") }),
});

builder.objectType(NotFoundError, {
  name: "NotFoundError",
  description: "The record does not exist or is not visible to you: the two are indistinguishable.",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof NotFoundError,
  fields: () => ({}),
});

builder.objectType(ForbiddenError, {
  name: "ForbiddenError",
  description: "You can see the record, but your role lacks the capability.",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ForbiddenError,
  fields: (t) => ({
    capability: t.exposeString("capability", { description: "The capability the action needs, e.g. inventory.sync." }),
  }),
});

const FieldErrorRef = builder.objectRef<FieldError>("FieldError").implement({
  fields: (t) => ({
    path: t.exposeStringList("path", { description: 'Path of the input field, e.g. ["input", "name"].' }),
    message: t.exposeString("message"),
  }),
});

builder.objectType(ValidationError, {
  name: "ValidationError",
  description: "The input or the record's state does not allow the action.",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ValidationError,
  fields: (t) => ({
    // Core names fields by its own input (["cronExpression"]); every mutation takes that input as
    // its `input` argument, and clients bind forms to the argument's path (["input", "cronExpression"]).
    fieldErrors: t.field({
      type: [FieldErrorRef],
      resolve: (error) => error.fieldErrors.map((fieldError) => ({ ...fieldError, path: ["input", ...fieldError.path] })),
    }),
  }),
});

builder.objectType(ConflictError, {
  name: "ConflictError",
  description: "The action conflicts with a concurrent change; reload and try again.",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ConflictError,
  fields: () => ({}),
});

/**
 * The `errors` option of a mutation field: its result is the union `name` of its payload type and
 * the expected errors. Mutations that share a union share its name, which is also the key under
 * which the plugin builds the union once.
 */
export function resultUnion(name: string, description: string) {
  return { union: { name, description }, result: { name } };
}
