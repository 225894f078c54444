// Entra ID client-credentials flow and bearer validation. Access tokens are opaque random strings
// bound to (tenantId, clientId): clients must not parse them (real ones are JWTs, these are not).
// Secrets and tokens never leave this module except in the token response itself.

import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import type { TenantStore } from "./tenant-store.ts";

export const TOKEN_LIFETIME_SECONDS = 3599;
const GRAPH_SCOPES = new Set(["https://graph.microsoft.com/.default", "00000003-0000-0000-c000-000000000000/.default"]);

export interface Principal {
  tenantId: string;
  clientId: string;
}

export type TokenValidation = { ok: true; principal: Principal } | { ok: false; message: string };

export interface TokenEndpointResult {
  status: number;
  body: Record<string, unknown>;
  /** The client id the caller claimed (not secret); recorded in history. */
  clientId: string | null;
}

export class TokenService {
  private readonly tokens = new Map<string, Principal & { expiresAtMs: number }>();

  constructor(private readonly tenants: ReadonlyMap<string, TenantStore>) {}

  /** Answers a token endpoint call the way Entra ID does, including its error shapes. */
  exchange(tenantId: string, form: Record<string, unknown>): TokenEndpointResult {
    const field = (name: string) => (typeof form[name] === "string" ? (form[name] as string) : "");
    const clientId = field("client_id") || null;
    const fail = (status: number, error: string, code: number, description: string): TokenEndpointResult => ({
      status,
      clientId,
      body: entraError(error, code, description),
    });

    const tenant = this.tenants.get(tenantId);
    if (!tenant) {
      return fail(400, "invalid_request", 90002, `Tenant '${tenantId}' not found. Check to make sure you have the correct tenant ID.`);
    }
    if (field("grant_type") !== "client_credentials") {
      return fail(
        400,
        "unsupported_grant_type",
        70003,
        "The app requested an unsupported grant type. This simulator supports client_credentials only.",
      );
    }
    const expectedSecret = clientId ? tenant.apps.get(clientId) : undefined;
    if (!clientId || expectedSecret === undefined) {
      return fail(
        401,
        "invalid_client",
        700016,
        `Application with identifier '${clientId ?? ""}' was not found in the directory '${tenantId}'.`,
      );
    }
    if (!field("client_secret")) {
      return fail(
        401,
        "invalid_client",
        7000216,
        "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type.",
      );
    }
    if (!sameSecret(field("client_secret"), expectedSecret)) {
      return fail(
        401,
        "invalid_client",
        7000215,
        `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
      );
    }
    if (!GRAPH_SCOPES.has(field("scope"))) {
      return fail(
        400,
        "invalid_scope",
        1002012,
        `The provided value for scope ${field("scope") || "(empty)"} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
      );
    }

    const accessToken = `simtok.${randomBytes(32).toString("base64url")}`;
    this.pruneExpired();
    this.tokens.set(accessToken, { tenantId, clientId, expiresAtMs: Date.now() + TOKEN_LIFETIME_SECONDS * 1000 });
    return {
      status: 200,
      clientId,
      body: { token_type: "Bearer", expires_in: TOKEN_LIFETIME_SECONDS, ext_expires_in: TOKEN_LIFETIME_SECONDS, access_token: accessToken },
    };
  }

  /** Validates an `Authorization` header; the tenant of a Graph call comes from its token. */
  validate(authorization: string | undefined): TokenValidation {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
    if (!match) return { ok: false, message: "Access token is empty." };
    const entry = this.tokens.get(match[1] as string);
    if (!entry) return { ok: false, message: "Access token validation failure. Invalid audience or unknown token." };
    if (entry.expiresAtMs <= Date.now()) return { ok: false, message: "Lifetime validation failed, the token is expired." };
    return { ok: true, principal: { tenantId: entry.tenantId, clientId: entry.clientId } };
  }

  private pruneExpired(): void {
    const now = Date.now();
    for (const [token, entry] of this.tokens) if (entry.expiresAtMs <= now) this.tokens.delete(token);
  }
}

/**
 * Entra ID's answer to a client-credentials request of an app the tenant never consented to
 * (injected with the `consentMissing` fault): 400 `invalid_grant`, AADSTS65001, `consent_required`.
 */
export function consentRequired(clientId: string | null): TokenEndpointResult {
  const body = entraError(
    "invalid_grant",
    65001,
    `The user or administrator has not consented to use the application with ID '${clientId ?? ""}'. Send an interactive authorization request for this user and resource.`,
  );
  return { status: 400, clientId, body: { ...body, suberror: "consent_required" } };
}

/** Constant-time comparison (hashing first equalises the lengths). */
function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function entraError(error: string, code: number, description: string): Record<string, unknown> {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date()
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, "Z");
  return {
    error,
    error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${code}`,
  };
}
