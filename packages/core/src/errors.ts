/**
 * Expected failures of domain services. The API maps each to a typed GraphQL result; anything else
 * is unexpected and gets masked.
 */
export class DomainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Absent OR not visible to the actor: the two must be indistinguishable. */
export class NotFoundError extends DomainError {
  constructor(what = "Record") {
    super(`${what} not found.`);
  }
}

export class ForbiddenError extends DomainError {
  /** `message` when the role is not the reason (e.g. who may not approve their own request). */
  constructor(
    public readonly capability: string,
    message?: string,
  ) {
    super(message ?? `Your role does not allow ${capability}. Ask a workspace owner for a role that does.`);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor() {
    super("Sign in or send a valid API token (Authorization: Bearer <token>).");
  }
}

export interface FieldError {
  path: string[];
  message: string;
}

export class ValidationError extends DomainError {
  constructor(
    message: string,
    public readonly fieldErrors: FieldError[] = [],
  ) {
    super(message);
  }
}

export class ConflictError extends DomainError {}
