import type { CombinedError } from "urql";

/** The API reports a missing or expired session as a GraphQL error, not as HTTP 401. */
export function isUnauthenticated(error: CombinedError): boolean {
  if (error.response?.status === 401) return true;
  return error.graphQLErrors.some((e) => e.extensions?.code === "UNAUTHENTICATED");
}

/** A short, user-presentable message; the API masks internals, so its messages are safe to show. */
export function errorMessage(error: CombinedError): string {
  const first = error.graphQLErrors[0];
  if (first) return first.message;
  return error.networkError?.message ?? error.message;
}
