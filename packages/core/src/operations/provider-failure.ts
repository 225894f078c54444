import { isGraphRequestError } from "@atlas/graph-client";
import type { FinalOutcome } from "./status.ts";

import type { ProviderFailureCode } from "../codes.ts";

export interface ProviderFailure {
  /** Refused credentials or missing consent block the run (an operator must fix the connection); an unreachable provider fails it. */
  outcome: Extract<FinalOutcome, "blocked" | "failed">;
  reasonCode: ProviderFailureCode;
  message: string;
}

/**
 * Entra ID codes that mean the tenant has not consented to the app (AADSTS65001 consent_required;
 * AADSTS7000229 the app has no service principal in the tenant, which admin consent creates).
 */
const CONSENT_MISSING_CODES = new Set([65001, 7000229]);
const TOKEN_REFUSALS = new Set(["invalid_client", "unauthorized_client", "invalid_grant", "invalid_request", "InvalidAuthenticationToken"]);

/**
 * The one classification of provider connection failures, used by every run task: whether the
 * provider refused who we are (credentials, consent) or could not be reached at all. Any other
 * error is not a connection failure (undefined) and keeps its own handling.
 */
export function classifyProviderFailure(error: unknown): ProviderFailure | undefined {
  if (!isGraphRequestError(error)) return undefined;
  const codes = [error.code, ...error.entraCodes.map((code) => `AADSTS${code}`)].join(", ");
  const answer = `provider answered ${error.status === 0 ? "nothing" : `HTTP ${error.status}`} (${codes})`;
  if (error.status === 403 || error.entraCodes.some((code) => CONSENT_MISSING_CODES.has(code))) {
    return {
      outcome: "blocked",
      reasonCode: "PROVIDER_CONSENT_MISSING",
      message: `The provider denied access: ${answer}. Grant admin consent for the app's permissions, then run again.`,
    };
  }
  if (error.status === 401 || (error.path.includes("/oauth2/") && TOKEN_REFUSALS.has(error.code) && error.status < 500)) {
    return {
      outcome: "blocked",
      reasonCode: "PROVIDER_CREDENTIALS_REFUSED",
      message: `The provider refused the environment's credentials: ${answer}. Update the client secret or app registration, then run again.`,
    };
  }
  if (error.status === 0 || error.status >= 500 || error.code === "retriesExhausted" || error.code === "tokenRequestFailed") {
    return {
      outcome: "failed",
      reasonCode: "PROVIDER_UNREACHABLE",
      message: `The provider could not be reached: ${answer}. Try again later.`,
    };
  }
  return undefined;
}
