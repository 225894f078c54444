import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoTenant, FABRIKAM_BASELINE_POLICY_NAME } from "./demo-tenants.ts";
import { startGraphSim } from "./server.ts";
import { collectAllPages, type GraphCaller, graphCaller, tokenFor } from "./test-support.ts";
import type { GraphSim } from "./types.ts";

const fabrikam = demoTenant("Fabrikam");
let sim: GraphSim;
let graph: GraphCaller;

interface BatchBody {
  responses: Array<{ id: string; status: number; headers: Record<string, string>; body?: Record<string, unknown> }>;
}

beforeAll(async () => {
  sim = await startGraphSim();
  graph = graphCaller(sim, await tokenFor(sim, fabrikam));
});
afterAll(async () => {
  await sim.close();
});

describe("$batch", () => {
  it("rejects more than 20 requests with a Graph-like 400", async () => {
    const requests = Array.from({ length: 21 }, (_, index) => ({
      id: String(index + 1),
      method: "GET",
      url: "/deviceManagement/roleScopeTags",
    }));
    const response = await graph.batch("v1.0", requests);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("BadRequest");
    expect(body.error.message).toMatch(/20/);
  });

  it("rejects malformed envelopes (duplicate ids, missing url, absolute url)", async () => {
    const duplicate = await graph.batch("beta", [
      { id: "1", method: "GET", url: "/deviceManagement/roleScopeTags" },
      { id: "1", method: "GET", url: "/deviceManagement/roleScopeTags" },
    ]);
    expect(duplicate.status).toBe(400);
    expect((await graph.batch("beta", [{ id: "1", method: "GET" }])).status).toBe(400);
    expect((await graph.batch("beta", [{ id: "1", method: "GET", url: `${sim.url}/beta/deviceManagement/roleScopeTags` }])).status).toBe(
      400,
    );
  });

  it("answers every item with its own status, headers and body, and records each item", async () => {
    const { items: policies } = await collectAllPages<{ id: string; name: string }>(graph, "/beta/deviceManagement/configurationPolicies");
    const baseline = policies.find((policy) => policy.name === FABRIKAM_BASELINE_POLICY_NAME);
    sim.clearHistory();

    const response = await graph.batch("beta", [
      { id: "settings", method: "GET", url: `/deviceManagement/configurationPolicies/${baseline?.id}/settings` },
      { id: "missing", method: "GET", url: "/deviceManagement/configurationPolicies/00000000-0000-0000-0000-000000000000" },
      { id: "tags", method: "GET", url: "deviceManagement/roleScopeTags?$top=2" },
    ]);
    expect(response.status).toBe(200);
    const body = (await response.json()) as BatchBody;
    const byId = new Map(body.responses.map((item) => [item.id, item]));

    const settings = byId.get("settings");
    expect(settings?.status).toBe(200);
    expect(settings?.body?.value).toHaveLength(25);
    expect(settings?.body?.["@odata.nextLink"]).toMatch(
      new RegExp(`^${sim.url}/beta/deviceManagement/configurationPolicies/.+/settings\\?\\$skiptoken=`),
    );
    expect(byId.get("missing")?.status).toBe(404);
    expect(byId.get("missing")?.body?.error).toMatchObject({ code: "ResourceNotFound" });
    expect(byId.get("tags")?.body?.value).toHaveLength(2);
    expect(byId.get("tags")?.headers["Content-Type"]).toMatch(/^application\/json/);

    const history = sim.history({ tenantId: fabrikam.tenantId });
    const envelope = history.find((entry) => entry.path === "/beta/$batch");
    expect(envelope).toMatchObject({ method: "POST", status: 200 });
    const items = history.filter((entry) => entry.batchItemOf === envelope?.requestId);
    expect(items.map((entry) => [entry.batchItemId, entry.status])).toEqual([
      ["settings", 200],
      ["missing", 404],
      ["tags", 200],
    ]);
    expect(items[2]?.path).toBe("/beta/deviceManagement/roleScopeTags?$top=2");
  });

  it("runs writes inside a batch", async () => {
    const response = await graph.batch("beta", [
      {
        id: "create",
        method: "POST",
        url: "/deviceManagement/roleScopeTags",
        headers: { "Content-Type": "application/json" },
        body: { displayName: "Created in batch", description: "" },
      },
    ]);
    const body = (await response.json()) as BatchBody;
    expect(body.responses[0]?.status).toBe(201);
    expect(body.responses[0]?.body?.displayName).toBe("Created in batch");
  });
});
