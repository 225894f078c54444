import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@atlas/core";
import type { FieldError } from "@atlas/core";
import type { ObjectRef } from "@pothos/core";
import { builder } from "../builder.ts";

const KIND = Symbol("resultKind");

type ErrorKind = "NotFoundError" | "ForbiddenError" | "ValidationError" | "ConflictError";

/**
 * An expected failure as a plain object: graphql-js treats a returned Error instance as a thrown
 * one, so union members must not be Errors themselves.
 */
export interface ErrorResult {
  [KIND]: ErrorKind;
  message: string;
  capability?: string;
  fieldErrors?: FieldError[];
}

const isKind = (kind: ErrorKind) => (value: unknown) =>
  typeof value === "object" && value !== null && (value as ErrorResult)[KIND] === kind;

export const ErrorInterface = builder.interfaceRef<ErrorResult>("Error").implement({
  description: "An expected failure, returned as a member of a mutation's result union.",
  fields: (t) => ({ message: t.exposeString("message") }),
});

export const NotFoundErrorRef = builder.objectRef<ErrorResult>("NotFoundError").implement({
  description: "The record does not exist or is not visible to you: the two are indistinguishable.",
  interfaces: [ErrorInterface],
  isTypeOf: isKind("NotFoundError"),
  fields: () => ({}),
});

export const ForbiddenErrorRef = builder.objectRef<ErrorResult>("ForbiddenError").implement({
  description: "You can see the record, but your role lacks the capability.",
  interfaces: [ErrorInterface],
  isTypeOf: isKind("ForbiddenError"),
  fields: (t) => ({
    capability: t.string({
      description: "The capability the action needs, e.g. inventory.sync.",
      resolve: (error) => error.capability ?? "",
    }),
  }),
});

const FieldErrorRef = builder.objectRef<FieldError>("FieldError").implement({
  fields: (t) => ({
    path: t.exposeStringList("path", { description: 'Path of the input field, e.g. ["input", "name"].' }),
    message: t.exposeString("message"),
  }),
});

export const ValidationErrorRef = builder.objectRef<ErrorResult>("ValidationError").implement({
  description: "The input or the record's state does not allow the action.",
  interfaces: [ErrorInterface],
  isTypeOf: isKind("ValidationError"),
  fields: (t) => ({
    fieldErrors: t.field({ type: [FieldErrorRef], resolve: (error) => error.fieldErrors ?? [] }),
  }),
});

export const ConflictErrorRef = builder.objectRef<ErrorResult>("ConflictError").implement({
  description: "The action conflicts with a concurrent change; reload and try again.",
  interfaces: [ErrorInterface],
  isTypeOf: isKind("ConflictError"),
  fields: () => ({}),
});

/** A mutation result union: the success payload (tagged with `payload()`) or an expected error. */
// biome-ignore lint/suspicious/noExplicitAny: any builder's object ref; the union checks the members.
export function resultUnion<T extends object>(name: string, payloadRef: ObjectRef<any, T>, description: string) {
  return builder.unionType(name, {
    description,
    types: [payloadRef, NotFoundErrorRef, ForbiddenErrorRef, ValidationErrorRef, ConflictErrorRef],
  });
}

const PAYLOAD = Symbol("payload");

/** Success payloads are tagged so union resolution never has to guess. */
export function payload<T extends object>(value: T): T {
  return Object.assign(value, { [PAYLOAD]: true });
}

export function isPayload(value: unknown): boolean {
  return typeof value === "object" && value !== null && PAYLOAD in value;
}

function toErrorResult(error: unknown): ErrorResult | undefined {
  if (error instanceof NotFoundError) return { [KIND]: "NotFoundError", message: error.message };
  if (error instanceof ForbiddenError) return { [KIND]: "ForbiddenError", message: error.message, capability: error.capability };
  if (error instanceof ValidationError) return { [KIND]: "ValidationError", message: error.message, fieldErrors: error.fieldErrors };
  if (error instanceof ConflictError) return { [KIND]: "ConflictError", message: error.message };
  return undefined;
}

/**
 * Runs a mutation; expected domain errors become union members, anything else is thrown (masked).
 * Core names fields by its own input (["cronExpression"]); `fieldPathPrefix: ["input"]` turns that
 * into the path of the GraphQL argument (["input", "cronExpression"]) that clients bind forms to.
 */
export async function asResult<T>(work: () => Promise<T>, options: { fieldPathPrefix?: string[] } = {}): Promise<T | ErrorResult> {
  try {
    return await work();
  } catch (error) {
    const result = toErrorResult(error);
    if (!result) throw error;
    const prefix = options.fieldPathPrefix ?? [];
    if (result.fieldErrors && prefix.length > 0) {
      result.fieldErrors = result.fieldErrors.map((fieldError) => ({ ...fieldError, path: [...prefix, ...fieldError.path] }));
    }
    return result;
  }
}
