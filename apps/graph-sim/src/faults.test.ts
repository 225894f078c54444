import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { demoTenant } from "./demo-tenants.ts";
import { startGraphSim } from "./server.ts";
import { collectAllPages, type GraphCaller, graphCaller, requestToken, tokenFor, tokenForm } from "./test-support.ts";
import type { GraphSim } from "./types.ts";

const contoso = demoTenant("Contoso");
const fabrikam = demoTenant("Fabrikam");
const TAGS = "/beta/deviceManagement/roleScopeTags";
let sim: GraphSim;
let contosoGraph: GraphCaller;
let fabrikamGraph: GraphCaller;

beforeAll(async () => {
  sim = await startGraphSim({ timeScale: 0.05 });
  contosoGraph = graphCaller(sim, await tokenFor(sim, contoso));
  fabrikamGraph = graphCaller(sim, await tokenFor(sim, fabrikam));
});
afterEach(() => {
  sim.clearFaults();
});
afterAll(async () => {
  await sim.close();
});

describe("fault injection", () => {
  it("throttleStorm: the next N requests of that tenant answer 429 with the scaled Retry-After", async () => {
    sim.injectFault({ kind: "throttleStorm", tenantId: contoso.tenantId, count: 2, retryAfterSeconds: 10 });
    expect((await fabrikamGraph.get(TAGS)).status).toBe(200);
    const first = await contosoGraph.get(TAGS);
    expect(first.status).toBe(429);
    expect(first.headers.get("retry-after")).toBe("0.5");
    expect((await contosoGraph.get(TAGS)).status).toBe(429);
    expect((await contosoGraph.get(TAGS)).status).toBe(200);
  });

  it("throttleStorm without retryAfterSeconds sends no Retry-After (clients must back off on their own)", async () => {
    sim.injectFault({ kind: "throttleStorm", count: 1 });
    const response = await contosoGraph.get(TAGS);
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBeNull();
  });

  it("serverError: answers the given status, only on matching paths", async () => {
    sim.injectFault({ kind: "serverError", status: 503, count: 1, pathContains: "deviceCompliancePolicies" });
    expect((await contosoGraph.get(TAGS)).status).toBe(200);
    const failed = await contosoGraph.get("/v1.0/deviceManagement/deviceCompliancePolicies");
    expect(failed.status).toBe(503);
    expect(((await failed.json()) as { error: { code: string } }).error.code).toBe("ServiceUnavailable");
    expect((await contosoGraph.get("/v1.0/deviceManagement/deviceCompliancePolicies")).status).toBe(200);
  });

  it("latency: delays matching responses by real milliseconds, count times", async () => {
    sim.clearHistory();
    sim.injectFault({ kind: "latency", ms: 150, count: 1 });
    const started = performance.now();
    expect((await contosoGraph.get(TAGS)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    await contosoGraph.get(TAGS);
    expect(sim.history().map((entry) => entry.fault)).toEqual(["latency", undefined]);
  });

  it("dropPage: a page silently comes back empty while its nextLink survives", async () => {
    const expected = sim.objectCountsByType(fabrikam.tenantId).deviceConfigurations as number;
    sim.injectFault({ kind: "dropPage", tenantId: fabrikam.tenantId, pathContains: "deviceConfigurations", page: 2 });
    const { items, pageSizes } = await collectAllPages(fabrikamGraph, "/v1.0/deviceManagement/deviceConfigurations");
    expect(pageSizes[1]).toBe(0);
    expect(items).toHaveLength(expected - 50);
    expect(sim.history({ tenantId: fabrikam.tenantId }).filter((entry) => entry.fault === "dropPage")).toHaveLength(1);
  });

  it("dropPage of the only page still answers the collection's @odata.count; ignoreCount withholds it", async () => {
    const scripts = sim.objectCountsByType(fabrikam.tenantId).deviceHealthScripts as number;
    const path = "/beta/deviceManagement/deviceHealthScripts?$count=true";
    sim.injectFault({ kind: "dropPage", tenantId: fabrikam.tenantId, pathContains: "deviceHealthScripts", page: 1, count: 1 });
    const dropped = await fabrikamGraph.json<{ value: unknown[]; "@odata.count"?: number; "@odata.nextLink"?: string }>(path);
    expect(dropped).toMatchObject({ value: [], "@odata.count": scripts });
    expect(dropped["@odata.nextLink"]).toBeUndefined();
    sim.injectFault({ kind: "ignoreCount", tenantId: fabrikam.tenantId, pathContains: "deviceHealthScripts", count: 1 });
    const uncounted = await fabrikamGraph.json<{ value: unknown[]; "@odata.count"?: number }>(path);
    expect(uncounted.value).toHaveLength(scripts);
    expect(uncounted["@odata.count"]).toBeUndefined();
    expect(
      sim
        .history({ tenantId: fabrikam.tenantId })
        .slice(-2)
        .map((entry) => entry.fault),
    ).toEqual(["dropPage", "ignoreCount"]);
  });

  it("dropPage works on settings pages too", async () => {
    const policies = await collectAllPages<{ id: string; settingCount: number }>(
      fabrikamGraph,
      "/beta/deviceManagement/configurationPolicies",
    );
    const policy = policies.items.find((candidate) => candidate.settingCount === 320);
    sim.injectFault({ kind: "dropPage", tenantId: fabrikam.tenantId, pathContains: `${policy?.id}/settings`, page: 13, count: 1 });
    const dropped = await collectAllPages(fabrikamGraph, `/beta/deviceManagement/configurationPolicies/${policy?.id}/settings`);
    expect(dropped.items).toHaveLength(300);
    const complete = await collectAllPages(fabrikamGraph, `/beta/deviceManagement/configurationPolicies/${policy?.id}/settings`);
    expect(complete.items).toHaveLength(320);
  });

  it("malformedBody: 200 with a body that is not valid JSON", async () => {
    sim.injectFault({ kind: "malformedBody", count: 1 });
    const response = await contosoGraph.get(TAGS);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const text = await response.text();
    expect(() => JSON.parse(text)).toThrow();
    expect((await contosoGraph.get(TAGS)).status).toBe(200);
  });

  it("faults hit inner $batch items, not the envelope", async () => {
    sim.injectFault({ kind: "throttleStorm", tenantId: contoso.tenantId, count: 1, retryAfterSeconds: 4 });
    sim.injectFault({ kind: "serverError", tenantId: contoso.tenantId, count: 1, pathContains: "assignmentFilters" });
    const response = await contosoGraph.batch("beta", [
      { id: "1", method: "GET", url: "/deviceManagement/roleScopeTags" },
      { id: "2", method: "GET", url: "/deviceManagement/assignmentFilters" },
      { id: "3", method: "GET", url: "/deviceManagement/roleScopeTags" },
    ]);
    expect(response.status).toBe(200);
    const { responses } = (await response.json()) as { responses: Array<{ status: number; headers: Record<string, string> }> };
    expect(responses.map((item) => item.status)).toEqual([429, 503, 200]);
    expect(responses[0]?.headers["Retry-After"]).toBe("0.2");
  });

  it("a fault naming $batch in pathContains hits the envelope", async () => {
    sim.injectFault({ kind: "serverError", status: 504, count: 1, pathContains: "$batch" });
    const response = await contosoGraph.batch("beta", [{ id: "1", method: "GET", url: "/deviceManagement/roleScopeTags" }]);
    expect(response.status).toBe(504);
  });

  it("consentMissing at the token endpoint: valid credentials get Entra's AADSTS65001 consent_required", async () => {
    sim.injectFault({ kind: "consentMissing", tenantId: contoso.tenantId, count: 1 });
    const refused = await requestToken(sim, contoso.tenantId, tokenForm(contoso.clientId, contoso.clientSecret));
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as { error: string; error_codes: number[]; suberror: string; error_description: string };
    expect([body.error, body.error_codes, body.suberror]).toEqual(["invalid_grant", [65001], "consent_required"]);
    expect(body.error_description).toMatch(/^AADSTS65001: The user or administrator has not consented/);
    expect((await requestToken(sim, contoso.tenantId, tokenForm(contoso.clientId, contoso.clientSecret))).status).toBe(200);
  });

  it("consentMissing at Graph: the token is issued, Graph answers 403 Authorization_RequestDenied", async () => {
    sim.injectFault({ kind: "consentMissing", stage: "graph", tenantId: contoso.tenantId, count: 1 });
    const denied = await contosoGraph.get(TAGS);
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { error: { code: string } }).error.code).toBe("Authorization_RequestDenied");
    expect((await fabrikamGraph.get(TAGS)).status).toBe(200);
  });

  it("deleteAfterWrite: the write is answered, then the object is gone", async () => {
    const { value } = await contosoGraph.json<{ value: { id: string; isBuiltIn: boolean }[] }>(TAGS);
    const path = `${TAGS}/${value.find((tag) => !tag.isBuiltIn)!.id}`;
    sim.injectFault({ kind: "deleteAfterWrite", tenantId: contoso.tenantId, pathContains: path, count: 1 });
    expect((await contosoGraph.request("PATCH", path, { description: "written" })).status).toBe(204);
    expect((await contosoGraph.get(path)).status).toBe(404);
  });

  it("faults can be injected and cleared over HTTP; invalid faults are rejected", async () => {
    const post = (fault: unknown) =>
      fetch(`${sim.url}/_sim/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(fault) });
    expect((await post({ kind: "serverError", status: 500 })).status).toBe(201);
    expect((await contosoGraph.get(TAGS)).status).toBe(500);
    expect((await fetch(`${sim.url}/_sim/faults`, { method: "DELETE" })).status).toBe(204);
    expect((await contosoGraph.get(TAGS)).status).toBe(200);

    expect((await post({ kind: "meteorStrike" })).status).toBe(400);
    expect((await post({ kind: "dropPage", page: 2 })).status).toBe(400);
    expect((await post({ kind: "throttleStorm" })).status).toBe(400);
    expect((await post({ kind: "consentMissing", stage: "login" })).status).toBe(400);
  });
});
