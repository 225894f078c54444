// The client against the simulator's injected faults: throttle storms, 5xx, dropped pages,
// malformed bodies, throttled $batch items and bad credentials. Each proof is read from the
// simulator's request history, not from mocks.

import type { GraphSim } from "@atlas/graph-sim";
import { FABRIKAM_BASELINE_POLICY_NAME, startGraphSim } from "@atlas/graph-sim";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { BatchRequest, GraphObject } from "./graph-client.ts";
import { GraphRequestError } from "./graph-request-error.ts";
import {
  clientForDemoTenant,
  gapsAfterThrottledBatchItems,
  gapsAfterThrottledRequests,
  TIME_SCALE,
} from "./test-support/graph-sim-harness.ts";

let sim: GraphSim;
let fabrikamCounts: Record<string, number>;
let fabrikamTenantId: string;
beforeAll(async () => {
  sim = await startGraphSim({ port: 0, timeScale: TIME_SCALE });
  fabrikamTenantId = clientForDemoTenant(sim, "Fabrikam").tenant.tenantId;
  fabrikamCounts = sim.objectCountsByType(fabrikamTenantId);
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.clearHistory();
  sim.clearFaults();
});

const statusesOf = (pathPart: string) =>
  sim
    .history()
    .filter((e) => e.path.includes(pathPart))
    .map((e) => e.status);

describe("throttling", () => {
  it("survives a throttle storm with complete data, waiting at least Retry-After before each next request", async () => {
    const { client, retries } = clientForDemoTenant(sim, "Fabrikam");
    sim.injectFault({ kind: "throttleStorm", tenantId: fabrikamTenantId, count: 6, retryAfterSeconds: 3 });
    const objects = await client.listAll("deviceConfigurations");
    expect(objects).toHaveLength(fabrikamCounts.deviceConfigurations ?? -1);
    const gaps = gapsAfterThrottledRequests(sim.history());
    expect(gaps).toHaveLength(6);
    for (const gap of gaps) {
      expect(gap.retryAfterMs).toBeCloseTo(3 * TIME_SCALE * 1000); // the sim sends fractional seconds: 0.15
      expect(gap.gapMs).toBeGreaterThanOrEqual(gap.retryAfterMs);
    }
    expect(retries.map((r) => r.delayMs)).toEqual(Array(6).fill(150));
  });

  it("backs off by itself when a 429 carries no Retry-After", async () => {
    const { client, retries } = clientForDemoTenant(sim, "Fabrikam");
    sim.injectFault({ kind: "throttleStorm", tenantId: fabrikamTenantId, pathContains: "assignmentFilters", count: 3 });
    expect(await client.listAll("assignmentFilters")).toHaveLength(fabrikamCounts.assignmentFilters ?? -1);
    expect(statusesOf("assignmentFilters")).toEqual([429, 429, 429, 200]);
    expect(retries.map((r) => [r.reason, r.retryAfterSeconds])).toEqual(Array(3).fill(["throttled", undefined]));
  });

  it("retries only the throttled $batch items, each after its Retry-After", async () => {
    const { client, retries } = clientForDemoTenant(sim, "Fabrikam");
    const configurations = await client.listAll("deviceConfigurations");
    sim.clearHistory();
    sim.injectFault({
      kind: "throttleStorm",
      tenantId: fabrikamTenantId,
      pathContains: "deviceConfigurations/",
      count: 5,
      retryAfterSeconds: 2,
    });
    const requests = configurations
      .slice(0, 25)
      .map((o): BatchRequest => ({ method: "GET", path: `/v1.0/deviceManagement/deviceConfigurations/${o.id}` }));
    const results = await client.batch<GraphObject>(requests);
    expect(results.map((r) => r.status)).toEqual(Array(25).fill(200));
    expect(results.map((r) => r.body.id)).toEqual(configurations.slice(0, 25).map((o) => o.id));
    expect(results.filter((r) => r.attempts === 2)).toHaveLength(5);

    const itemEntries = sim.history().filter((e) => e.batchItemOf !== undefined);
    expect(itemEntries).toHaveLength(30); // 25 + the 5 resent, nothing else twice
    const gaps = gapsAfterThrottledBatchItems(sim.history());
    expect(gaps).toHaveLength(5);
    for (const gap of gaps) expect(gap.gapMs).toBeGreaterThanOrEqual(gap.retryAfterMs);
    expect(retries).toEqual([expect.objectContaining({ reason: "batchItemsRetried", itemCount: 5, retryAfterSeconds: 0.1 })]);
  });
});

describe("server errors and broken answers", () => {
  it("retries 503 and 504 and returns complete data", async () => {
    const { client, retries } = clientForDemoTenant(sim, "Fabrikam");
    sim.injectFault({ kind: "serverError", tenantId: fabrikamTenantId, pathContains: "roleScopeTags", count: 2 });
    sim.injectFault({ kind: "serverError", status: 504, tenantId: fabrikamTenantId, pathContains: "roleScopeTags", count: 1 });
    expect(await client.listAll("roleScopeTags")).toHaveLength(fabrikamCounts.roleScopeTags ?? -1);
    expect(statusesOf("roleScopeTags")).toEqual([503, 503, 504, 200]);
    expect(retries.map((r) => r.reason)).toEqual(["serviceUnavailable", "serviceUnavailable", "gatewayTimeout"]);
  });

  it("retries $batch items whose answer was cut off", async () => {
    const { client } = clientForDemoTenant(sim, "Fabrikam");
    const [first, second] = await client.listAll("deviceCompliancePolicies");
    sim.clearHistory();
    sim.injectFault({ kind: "malformedBody", tenantId: fabrikamTenantId, pathContains: String(first?.id), count: 1 });
    const results = await client.batch<GraphObject>([
      { method: "GET", path: `/v1.0/deviceManagement/deviceCompliancePolicies/${first?.id}` },
      { method: "GET", path: `/v1.0/deviceManagement/deviceCompliancePolicies/${second?.id}` },
    ]);
    expect(results.map((r) => [r.status, r.body.id, r.attempts])).toEqual([
      [200, first?.id, 2],
      [200, second?.id, 1],
    ]);
  });

  it("refetches a dropped settings page and a malformed page: all 320 settings arrive", async () => {
    const { client, retries } = clientForDemoTenant(sim, "Fabrikam");
    const policies = await client.listAll<GraphObject & { id: string; name: string }>("configurationPolicies");
    const baseline = policies.find((p) => p.name === FABRIKAM_BASELINE_POLICY_NAME);
    if (!baseline) throw new Error("Fabrikam baseline policy missing");
    const settingsPath = `${baseline.id}/settings`;
    sim.injectFault({ kind: "dropPage", tenantId: fabrikamTenantId, pathContains: settingsPath, page: 4, count: 1 });
    sim.injectFault({ kind: "malformedBody", tenantId: fabrikamTenantId, pathContains: settingsPath, count: 2 });
    const settings = await client.listSettings(baseline.id);
    expect(settings).toHaveLength(320);
    expect(new Set(settings.map((s) => s.id)).size).toBe(320);
    expect(retries.map((r) => r.reason).sort()).toEqual(["emptyPage", "malformedResponse", "malformedResponse"]);
  });

  it("fails closed with a typed error when a page keeps coming back empty", async () => {
    const { client } = clientForDemoTenant(sim, "Fabrikam", { retry: { maxMalformedRetries: 2, baseDelayMs: 1 } });
    sim.injectFault({ kind: "dropPage", tenantId: fabrikamTenantId, pathContains: "deviceConfigurations", page: 2 });
    const error = await client.listAll("deviceConfigurations").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphRequestError);
    expect(error).toMatchObject({ code: "emptyPage", status: 200, attempts: 3, transient: true });
  });
});

describe("credentials", () => {
  it("reports a wrong secret as a typed error that does not contain the secret", async () => {
    const wrongSecret = "wrong-secret-Zq81-do-not-leak";
    const { client } = clientForDemoTenant(sim, "Fabrikam", { clientSecret: wrongSecret });
    const error = await client.listAll("deviceConfigurations").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphRequestError);
    expect(error).toMatchObject({ status: 401, code: "invalid_client", method: "POST", transient: false });
    const typed = error as GraphRequestError;
    for (const text of [typed.message, String(typed.stack), JSON.stringify(typed)]) {
      expect(text).not.toContain(wrongSecret);
      expect(text).not.toContain("AADSTS");
    }
    expect(sim.history().filter((e) => !e.path.includes("/oauth2/"))).toEqual([]); // no Graph call without a token
  });
});
