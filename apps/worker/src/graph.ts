import type { Db } from "@atlas/db";
import { type SecretBox, providerCredentials } from "@atlas/core";
import { type GraphClient, INTUNE_PER_APP_LIMITS, createHttpGraphClient, requestBudgetForTenant } from "@atlas/graph-client";

export interface GraphSettings {
  /** Matches the simulator's --time-scale so the client's pacing window shrinks with it. */
  timeScale?: number;
}

/** The only place a worker builds a provider client: credentials are decrypted here and stay here. */
export async function graphClientFor(db: Db, box: SecretBox, environmentId: string, settings: GraphSettings = {}): Promise<GraphClient> {
  const credentials = await providerCredentials(db, box, environmentId);
  const simulatorUrl = credentials.graphBaseUrl ?? undefined;
  const limits = { ...INTUNE_PER_APP_LIMITS, windowMs: INTUNE_PER_APP_LIMITS.windowMs * (settings.timeScale ?? 1) };
  return createHttpGraphClient({
    tenantId: credentials.tenantId,
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    ...(simulatorUrl ? { authorityUrl: simulatorUrl, graphUrl: simulatorUrl } : {}),
    budget: requestBudgetForTenant(credentials.tenantId, limits),
  });
}
