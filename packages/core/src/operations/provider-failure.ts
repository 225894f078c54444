import { isGraphRequestError } from "@atlas/graph-client";
import type { FinalOutcome } from "./status.ts";

export type ProviderFailureCode = "PROVIDER_CREDENTIALS_REFUSED" | "PROVIDER_CONSENT_MISSING" | "PROVIDER_UNREACHABLE";

export interface ProviderFailure {
  /** Refused credentials or missing consent block the run (an operator must fix the connection); an unreachable provider fails it. */
  outcome: Extract<FinalOutcome, "blocked" | "failed">;
  reasonCode: ProviderFailureCode;
  message: string;
}

const TOKEN_REFUSALS = new Set(["invalid_client", "unauthorized_client", "invalid_grant", "invalid_request", "InvalidAuthenticationToken"]);

/**
 * The one classification of provider connection failures, used by every run task: whether the
 * provider refused who we are (credentials, consent) or could not be reached at all. Any other
 * error is not a connection failure (undefined) and keeps its own handling.
 */
export function classifyProviderFailure(error: unknown): ProviderFailure | undefined {
  if (!isGraphRequestError(error)) return undefined;
  const answer = `provider answered ${error.status === 0 ? "nothing" : `HTTP ${error.status}`} (${error.code})`;
  if (error.status === 401 || (error.path.includes("/oauth2/") && TOKEN_REFUSALS.has(error.code) && error.status < 500)) {
    return {
      outcome: "blocked",
      reasonCode: "PROVIDER_CREDENTIALS_REFUSED",
      message: `The provider refused the environment's credentials: ${answer}. Update the client secret or app registration, then run again.`,
    };
  }
  if (error.status === 403) {
    return {
      outcome: "blocked",
      reasonCode: "PROVIDER_CONSENT_MISSING",
      message: `The provider denied access: ${answer}. Grant admin consent for the app's permissions, then run again.`,
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
