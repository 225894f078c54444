// The only error the client throws for provider failures. Its message is built from safe parts only
// (method, sanitized path, status, Graph error code): never tokens, secrets, query strings or the
// provider's free-text message, because run failure details are shown to operators and persisted.

/** Graph error codes the client invents for failures that have no Graph error body. */
export type ClientSideErrorCode =
  | "networkError"
  | "timeout"
  | "malformedResponse"
  | "emptyPage"
  | "retriesExhausted"
  | "tokenRequestFailed"
  | "crossOriginNextLink"
  | "pagingLoop"
  /** A batch carrying writes got a 504: not resent (its items may have been applied). */
  | "gatewayTimeout"
  /**
   * A non-idempotent write (a create) may or may not have been applied: the connection dropped,
   * the request timed out, Graph answered 504, or a 2xx answer could not be read. It is never resent
   * blindly; the caller looks the object up (findByDisplayName) before trying again.
   */
  | "writeOutcomeUnknown"
  /** A write to a type whose contract says `restoreSupport: previewOnly` (refused before sending). */
  | "restoreNotSupported";

/** Why a write's outcome is unknown (GraphRequestError.reason for `writeOutcomeUnknown`). */
export type UnknownOutcomeReason = "networkError" | "timeout" | "gatewayTimeout" | "malformedResponse";

export interface GraphRequestErrorDetails {
  /** HTTP status; 0 when no response arrived (network error, timeout). */
  status: number;
  /** Graph error code (`error.code`), OAuth error (`invalid_client`) or a ClientSideErrorCode. */
  code: string;
  method: string;
  /** Path below the service root without query string, e.g. `/beta/deviceManagement/...`. */
  path: string;
  /** Graph `request-id` for support cases with Microsoft. */
  requestId?: string;
  /** How many attempts were made before giving up. */
  attempts?: number;
  /** True when the failure was transient (throttling, 5xx, network) but retries ran out. */
  transient?: boolean;
  /** For `writeOutcomeUnknown`: what cut the exchange short. */
  reason?: UnknownOutcomeReason;
  /**
   * Entra ID's numeric error codes (`error_codes`, the AADSTS numbers) of a token endpoint refusal:
   * they tell a wrong secret from missing admin consent, where the OAuth error alone does not.
   */
  entraCodes?: number[];
}

export class GraphRequestError extends Error {
  readonly status: number;
  readonly code: string;
  readonly method: string;
  readonly path: string;
  readonly requestId: string | undefined;
  readonly attempts: number;
  readonly transient: boolean;
  readonly reason: UnknownOutcomeReason | undefined;
  readonly entraCodes: number[];

  constructor(details: GraphRequestErrorDetails) {
    const statusText = details.status === 0 ? "no response" : `HTTP ${details.status}`;
    const attemptText = details.attempts && details.attempts > 1 ? ` after ${details.attempts} attempts` : "";
    super(`Graph ${details.method} ${details.path} failed: ${statusText} (${details.code})${attemptText}`);
    this.name = "GraphRequestError";
    this.status = details.status;
    this.code = details.code;
    this.method = details.method;
    this.path = details.path;
    this.requestId = details.requestId;
    this.attempts = details.attempts ?? 1;
    this.transient = details.transient ?? false;
    this.reason = details.reason;
    this.entraCodes = details.entraCodes ?? [];
  }

  /** Safe, serializable shape for run failure details and logs. */
  toJSON(): GraphRequestErrorDetails & { name: string; message: string } {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      code: this.code,
      method: this.method,
      path: this.path,
      ...(this.requestId ? { requestId: this.requestId } : {}),
      attempts: this.attempts,
      transient: this.transient,
      ...(this.reason ? { reason: this.reason } : {}),
      ...(this.entraCodes.length > 0 ? { entraCodes: this.entraCodes } : {}),
    };
  }
}

export function isGraphRequestError(value: unknown): value is GraphRequestError {
  return value instanceof GraphRequestError;
}

/** A write that may have been applied: look before retrying (never resend a create blindly). */
export function isWriteOutcomeUnknown(value: unknown): value is GraphRequestError {
  return value instanceof GraphRequestError && value.code === "writeOutcomeUnknown";
}

/**
 * Path for errors and retry reports: query strings are dropped because nextLinks carry skip tokens
 * and signed URLs carry signatures; ids in the path are kept because they identify the object.
 */
export function sanitizePath(url: string | URL): string {
  try {
    const parsed = typeof url === "string" ? new URL(url) : url;
    return parsed.pathname;
  } catch {
    const withoutQuery = String(url).split(/[?#]/, 1)[0] ?? "";
    return withoutQuery.startsWith("/") ? withoutQuery : `/${withoutQuery}`;
  }
}

/** Graph error bodies look like `{ error: { code, message, innerError: { 'request-id' } } }`. */
export function graphErrorCodeOf(body: unknown): { code?: string; requestId?: string; entraCodes?: number[] } {
  if (!body || typeof body !== "object") return {};
  const { error, error_codes: entraCodes } = body as { error?: unknown; error_codes?: unknown };
  // OAuth token endpoint errors are `{ error: 'invalid_client', error_description: ..., error_codes: [7000215] }`.
  if (typeof error === "string") {
    const numeric = Array.isArray(entraCodes) ? entraCodes.filter((code): code is number => Number.isInteger(code)) : [];
    return { code: error, ...(numeric.length > 0 ? { entraCodes: numeric } : {}) };
  }
  if (!error || typeof error !== "object") return {};
  const { code, innerError, innererror } = error as Record<string, unknown>;
  const inner = (innerError ?? innererror) as Record<string, unknown> | undefined;
  const requestId = inner && typeof inner["request-id"] === "string" ? inner["request-id"] : undefined;
  return {
    ...(typeof code === "string" ? { code } : {}),
    ...(requestId ? { requestId } : {}),
  };
}
