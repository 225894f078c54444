// OAuth 2 client-credentials tokens for one (tenant, app). Tokens are cached until shortly before
// they expire, and concurrent callers share one in-flight token request, so a burst of Graph calls
// costs one token round trip. The secret is only ever placed in the form body of the token request.

import { z } from "zod";

export const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  // Entra sends a number; some proxies and older endpoints send a numeric string.
  expires_in: z.coerce.number().positive(),
});

export interface TokenProviderOptions {
  clientId: string;
  clientSecret: string;
  scope: string;
  now: () => number;
  /**
   * Posts the form to the token endpoint and returns a body that passed tokenResponseSchema.
   * Injected so the transport's retry loop, timeouts and typed errors apply to token requests too.
   */
  requestToken: (form: URLSearchParams) => Promise<TokenResponse>;
}

export interface TokenProvider {
  /** A valid access token, from cache when possible. */
  getToken(): Promise<string>;
  /** Drops the cached token (after a 401) so the next getToken fetches a fresh one. */
  invalidate(rejectedToken: string): void;
}

export type TokenResponse = z.infer<typeof tokenResponseSchema>;

/** Refresh this long before expiry: 5 minutes, or a tenth of the lifetime for short-lived tokens. */
export function refreshMarginMs(lifetimeMs: number): number {
  return Math.min(5 * 60_000, lifetimeMs / 10);
}

export function createTokenProvider(options: TokenProviderOptions): TokenProvider {
  let cached: { token: string; refreshAt: number } | undefined;
  let inFlight: Promise<string> | undefined;

  const fetchToken = async (): Promise<string> => {
    const form = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: options.clientId,
      client_secret: options.clientSecret,
      scope: options.scope,
    });
    const requestedAt = options.now();
    const response = await options.requestToken(form);
    const lifetimeMs = response.expires_in * 1000;
    // Measured from when we ASKED, so time spent in flight is not counted as validity.
    cached = { token: response.access_token, refreshAt: requestedAt + lifetimeMs - refreshMarginMs(lifetimeMs) };
    return response.access_token;
  };

  return {
    async getToken() {
      if (cached && options.now() < cached.refreshAt) return cached.token;
      inFlight ??= fetchToken().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
    invalidate(rejectedToken) {
      // Only drop the token that was rejected: a sibling request may already have refreshed it.
      if (cached?.token === rejectedToken) cached = undefined;
    },
  };
}
