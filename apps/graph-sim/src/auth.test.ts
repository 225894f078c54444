import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoTenant } from "./demo-tenants.ts";
import { startGraphSim } from "./server.ts";
import { graphCaller, requestToken, tokenFor, tokenForm } from "./test-support.ts";
import type { GraphSim } from "./types.ts";

const contoso = demoTenant("Contoso");
const fabrikam = demoTenant("Fabrikam");
let sim: GraphSim;

beforeAll(async () => {
  sim = await startGraphSim();
});
afterAll(async () => {
  await sim.close();
});

describe("token endpoint", () => {
  it("issues a bearer token for valid client credentials", async () => {
    const response = await requestToken(sim, contoso.tenantId, tokenForm(contoso.clientId, contoso.clientSecret));
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: "Bearer", expires_in: 3599 });
    expect(typeof body.access_token).toBe("string");
  });

  it("rejects a wrong secret like Entra ID (401 invalid_client)", async () => {
    const response = await requestToken(sim, contoso.tenantId, tokenForm(contoso.clientId, "not-the-secret"));
    expect(response.status).toBe(401);
    const body = (await response.json()) as { error: string; error_description: string; error_codes: number[] };
    expect(body.error).toBe("invalid_client");
    expect(body.error_description).toMatch(/^AADSTS7000215:/);
    expect(body.error_codes).toEqual([7000215]);
  });

  it("rejects an unknown client, a foreign tenant's client and bad requests", async () => {
    const unknownClient = await requestToken(sim, contoso.tenantId, tokenForm("00000000-0000-0000-0000-000000000001", "x"));
    expect(unknownClient.status).toBe(401);
    expect(((await unknownClient.json()) as { error: string }).error).toBe("invalid_client");

    // Fabrikam's app is not registered in Contoso's directory.
    const foreignClient = await requestToken(sim, contoso.tenantId, tokenForm(fabrikam.clientId, fabrikam.clientSecret));
    expect(foreignClient.status).toBe(401);

    const unknownTenant = await requestToken(
      sim,
      "11111111-2222-3333-4444-555555555555",
      tokenForm(contoso.clientId, contoso.clientSecret),
    );
    expect(unknownTenant.status).toBe(400);
    expect(((await unknownTenant.json()) as { error: string }).error).toBe("invalid_request");

    const wrongScope = await requestToken(sim, contoso.tenantId, tokenForm(contoso.clientId, contoso.clientSecret, "User.Read"));
    expect(wrongScope.status).toBe(400);
    expect(((await wrongScope.json()) as { error: string }).error).toBe("invalid_scope");
  });
});

describe("bearer validation", () => {
  it("answers 401 InvalidAuthenticationToken without or with an unknown token", async () => {
    const missing = await fetch(`${sim.url}/v1.0/deviceManagement/deviceConfigurations`);
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("InvalidAuthenticationToken");

    const forged = await graphCaller(sim, "simtok.forged").get("/v1.0/deviceManagement/deviceConfigurations");
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { error: { code: string; message: string } }).error.code).toBe("InvalidAuthenticationToken");
  });

  it("takes the tenant of a Graph call from the token", async () => {
    const contosoPage = await graphCaller(sim, await tokenFor(sim, contoso)).json<{ value: Array<{ displayName: string }> }>(
      "/v1.0/deviceManagement/deviceConfigurations?$top=1",
    );
    const fabrikamPage = await graphCaller(sim, await tokenFor(sim, fabrikam)).json<{ value: Array<{ displayName: string }> }>(
      "/v1.0/deviceManagement/deviceConfigurations?$top=1",
    );
    expect(contosoPage.value[0]?.displayName).toMatch(/^Contoso - /);
    expect(fabrikamPage.value[0]?.displayName).toMatch(/^Fabrikam - /);
  });
});

describe("request history", () => {
  it("records token and Graph requests but never secrets or tokens", async () => {
    sim.clearHistory();
    const token = await tokenFor(sim, contoso);
    await requestToken(sim, contoso.tenantId, tokenForm(contoso.clientId, "wrong-secret-value"));
    // A secret in the query string (a client bug) is redacted too.
    await fetch(`${sim.url}/${contoso.tenantId}/oauth2/v2.0/token?client_secret=${contoso.clientSecret}`, { method: "POST" });
    await graphCaller(sim, token).get("/beta/deviceManagement/roleScopeTags");

    const history = sim.history({ tenantId: contoso.tenantId });
    expect(history.map((entry) => entry.status)).toEqual([200, 401, 400, 200]);
    expect(history[0]).toMatchObject({ method: "POST", clientId: contoso.clientId, path: `/${contoso.tenantId}/oauth2/v2.0/token` });
    expect(history[3]).toMatchObject({ method: "GET", path: "/beta/deviceManagement/roleScopeTags", clientId: contoso.clientId });
    expect(history[3]?.at).toBeGreaterThan(Date.now() - 60_000);

    const overHttp = await (await fetch(`${sim.url}/_sim/history?tenantId=${contoso.tenantId}`)).text();
    for (const serialized of [JSON.stringify(sim.history()), overHttp]) {
      expect(serialized).not.toContain(contoso.clientSecret);
      expect(serialized).not.toContain("wrong-secret-value");
      expect(serialized).not.toContain(token);
    }
  });
});
