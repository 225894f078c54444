// Wire behaviour of the write API against a scripted local server: which failures are resent and
// which become `writeOutcomeUnknown`, and that writes are charged to the budget as writes.

import { afterEach, describe, expect, it } from "vitest";
import type { HttpGraphClientOptions } from "./http-graph-client.ts";
import { createHttpGraphClient } from "./http-graph-client.ts";
import { createRequestBudget } from "./request-budget.ts";
import type { LocalHttpServer, Responder, ScriptedResponse } from "./test-support/local-http-server.ts";
import { isTokenRequest, startLocalHttpServer, tokenResponse } from "./test-support/local-http-server.ts";

let server: LocalHttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(answers: ScriptedResponse[], overrides: Partial<HttpGraphClientOptions> = {}) {
  const queue = [...answers];
  const responder: Responder = (request) => (isTokenRequest(request) ? tokenResponse() : (queue.shift() ?? { status: 500 }));
  server = await startLocalHttpServer(responder);
  const budget = createRequestBudget({ requestsPerWindow: 100, writesPerWindow: 10, windowMs: 60_000 });
  const client = createHttpGraphClient({
    tenantId: "tenant-1",
    clientId: "client-1",
    clientSecret: "secret",
    authorityUrl: server.url,
    graphUrl: server.url,
    budget,
    sleep: async () => {},
    ...overrides,
  });
  return { client, budget, graphRequests: () => (server as LocalHttpServer).requests.filter((r) => !isTokenRequest(r)) };
}

const rejection = async (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );
const BODY = { "@odata.type": "#microsoft.graph.windows10GeneralConfiguration", displayName: "x" };

describe("creates are never resent once they may have been applied", () => {
  it.each([
    ["a dropped connection", { status: 0, dropConnection: true }, "networkError", 0],
    ["a 504", { status: 504, body: { error: { code: "GatewayTimeout" } } }, "gatewayTimeout", 504],
    ["an unreadable 201", { status: 201, body: '{"id":"abc' }, "malformedResponse", 201],
    ["a 201 without an id", { status: 201, body: { displayName: "x" } }, "malformedResponse", 201],
  ] as const)("%s -> writeOutcomeUnknown after one attempt", async (_label, answer, reason, status) => {
    const { client, graphRequests } = await setup([answer, { status: 201, body: { id: "dup" } }]);
    expect(await rejection(client.createObject("deviceConfigurations", BODY))).toMatchObject({
      code: "writeOutcomeUnknown",
      reason,
      status,
    });
    expect(graphRequests()).toHaveLength(1);
  });

  it("a timeout -> writeOutcomeUnknown", async () => {
    server = await startLocalHttpServer(async (request) => {
      if (isTokenRequest(request)) return tokenResponse();
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { status: 201, body: { id: "late" } };
    });
    const client = createHttpGraphClient({
      tenantId: "t",
      clientId: "c",
      clientSecret: "s",
      authorityUrl: server.url,
      graphUrl: server.url,
      timeoutMs: 50,
      sleep: async () => {},
      budget: createRequestBudget({ requestsPerWindow: 10, writesPerWindow: 10, windowMs: 1000 }),
    });
    expect(await rejection(client.createObject("deviceConfigurations", BODY))).toMatchObject({
      code: "writeOutcomeUnknown",
      reason: "timeout",
    });
  });

  it("429 and 503 are refusals: the create is resent after Retry-After and lands once", async () => {
    const { client, graphRequests } = await setup([
      { status: 429, headers: { "Retry-After": "0.05" }, body: { error: { code: "TooManyRequests" } } },
      { status: 503, body: { error: { code: "ServiceUnavailable" } } },
      { status: 201, body: { id: "new-1", version: 1, displayName: "x" } },
    ]);
    expect(await client.createObject("deviceConfigurations", BODY)).toMatchObject({ id: "new-1", version: 1, status: 201 });
    expect(graphRequests().map((r) => [r.method, r.url])).toEqual(Array(3).fill(["POST", "/v1.0/deviceManagement/deviceConfigurations"]));
    expect(JSON.parse(graphRequests()[0]?.body ?? "{}")).toEqual(BODY);
  });
});

describe("replacing writes are resent like reads", () => {
  it("PATCH after a dropped connection and a 504; PUT for the settings catalog; assign with the type's body key", async () => {
    const { client, graphRequests, budget } = await setup([
      { status: 0, dropConnection: true },
      { status: 504 },
      { status: 204 },
      { status: 204 },
      { status: 200, body: { value: [] } },
    ]);
    expect(await client.updateObject("deviceConfigurations", "p/1", BODY)).toMatchObject({ id: "p/1", status: 204 });
    await client.updateObject("configurationPolicies", "s1", { name: "n", settings: [] });
    await client.assign("deviceHealthScripts", "h1", [{ target: { "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget" } }]);
    expect(graphRequests().map((r) => `${r.method} ${r.url}`)).toEqual([
      "PATCH /v1.0/deviceManagement/deviceConfigurations/p%2F1",
      "PATCH /v1.0/deviceManagement/deviceConfigurations/p%2F1",
      "PATCH /v1.0/deviceManagement/deviceConfigurations/p%2F1",
      "PUT /beta/deviceManagement/configurationPolicies/s1",
      "POST /beta/deviceManagement/deviceHealthScripts/h1/assign",
    ]);
    expect(Object.keys(JSON.parse(graphRequests()[4]?.body ?? "{}"))).toEqual(["deviceHealthScriptAssignments"]);
    // Every attempt was charged as a write.
    expect(budget.usage()).toEqual({ requests: 5, writes: 5 });
  });

  it("a batch carrying writes is not resent after a 504 either", async () => {
    const { client, graphRequests } = await setup([{ status: 504 }, { status: 200, body: { responses: [] } }]);
    expect(await rejection(client.batch([{ method: "POST", path: "/v1.0/deviceManagement/x", body: {} }]))).toMatchObject({
      code: "gatewayTimeout",
      status: 504,
    });
    expect(graphRequests()).toHaveLength(1);
  });
});
