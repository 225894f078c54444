// Small real-HTTP client for the simulator's own tests (fetch against a started sim, no mocks).

import type { GraphSim, TenantSeed } from "./types.ts";

export const GRAPH_SCOPE = "https://graph.microsoft.com/.default";

export function tokenForm(clientId: string, clientSecret: string, scope = GRAPH_SCOPE): URLSearchParams {
  return new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret, scope });
}

export async function requestToken(sim: GraphSim, tenantId: string, form: URLSearchParams): Promise<Response> {
  return fetch(`${sim.url}/${tenantId}/oauth2/v2.0/token`, { method: "POST", body: form });
}

/** Token of the tenant's primary app, or of another app of the same tenant. */
export async function tokenFor(
  sim: GraphSim,
  tenant: TenantSeed,
  app = { clientId: tenant.clientId, clientSecret: tenant.clientSecret },
): Promise<string> {
  const response = await requestToken(sim, tenant.tenantId, tokenForm(app.clientId, app.clientSecret));
  if (response.status !== 200) throw new Error(`token request failed: ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

export interface GraphCaller {
  request(method: string, pathOrUrl: string, body?: unknown): Promise<Response>;
  get(pathOrUrl: string): Promise<Response>;
  json<T = Record<string, unknown>>(pathOrUrl: string): Promise<T>;
  batch(version: "v1.0" | "beta", requests: unknown[]): Promise<Response>;
}

export function graphCaller(sim: GraphSim, token: string): GraphCaller {
  const request = (method: string, pathOrUrl: string, body?: unknown) =>
    fetch(pathOrUrl.startsWith("http") ? pathOrUrl : `${sim.url}${pathOrUrl}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return {
    request,
    get: (pathOrUrl) => request("GET", pathOrUrl),
    async json<T>(pathOrUrl: string) {
      const response = await request("GET", pathOrUrl);
      if (response.status !== 200) throw new Error(`GET ${pathOrUrl} -> ${response.status}: ${await response.text()}`);
      return (await response.json()) as T;
    },
    batch: (version, requests) => request("POST", `/${version}/$batch`, { requests }),
  };
}

export interface CollectedPages<T> {
  items: T[];
  pages: number;
  /** Items per page, in order. */
  pageSizes: number[];
}

/** Follows @odata.nextLink until it is absent, like a correct client must. */
export async function collectAllPages<T = Record<string, unknown>>(caller: GraphCaller, path: string): Promise<CollectedPages<T>> {
  const items: T[] = [];
  const pageSizes: number[] = [];
  let next: string | undefined = path;
  while (next) {
    const page: { value: T[]; "@odata.nextLink"?: string } = await caller.json(next);
    items.push(...page.value);
    pageSizes.push(page.value.length);
    next = page["@odata.nextLink"];
  }
  return { items, pages: pageSizes.length, pageSizes };
}
