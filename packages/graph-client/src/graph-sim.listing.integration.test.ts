// The client against the Graph simulator: complete listings, settings, $batch, cursors, pacing.

import type { GraphSim } from "@atlas/graph-sim";
import { FABRIKAM_BASELINE_POLICY_NAME, startGraphSim } from "@atlas/graph-sim";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { allContracts } from "./contracts.ts";
import type { BatchRequest, GraphObject } from "./graph-client.ts";
import { createRequestBudget } from "./request-budget.ts";
import { clientForDemoTenant, gapsAfterThrottledRequests, SIM_WINDOW_MS, TIME_SCALE } from "./test-support/graph-sim-harness.ts";

let sim: GraphSim;
beforeAll(async () => {
  sim = await startGraphSim({ port: 0, timeScale: TIME_SCALE });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.clearHistory();
  sim.clearFaults();
});

describe("listing Fabrikam", () => {
  it("pages every supported type completely: counts equal the simulator totals", async () => {
    const { client, tenant } = clientForDemoTenant(sim, "Fabrikam");
    const expected = sim.objectCountsByType(tenant.tenantId);
    const listed: Record<string, number> = {};
    for (const contract of allContracts) {
      const objects = await client.listAll(contract.key);
      listed[contract.key] = objects.length;
      expect(new Set(objects.map((o) => o.id)).size).toBe(objects.length);
    }
    expect(listed).toEqual(Object.fromEntries(allContracts.map((c) => [c.key, expected[c.key]])));
    expect(Object.values(listed).every((count) => count > 0)).toBe(true);
    // Multi-page collections really were paged, and one token served the whole listing.
    const history = sim.history({ tenantId: tenant.tenantId });
    expect(history.some((e) => e.path.includes("$skiptoken="))).toBe(true);
    expect(history.filter((e) => e.path.includes("/oauth2/v2.0/token"))).toHaveLength(1);
  });

  it("collects all 320 settings of the baseline policy, and every policy matches its settingCount", async () => {
    const { client } = clientForDemoTenant(sim, "Fabrikam");
    const policies = await client.listAll<GraphObject & { id: string; name: string; settingCount: number }>("configurationPolicies");
    const baseline = policies.find((p) => p.name === FABRIKAM_BASELINE_POLICY_NAME);
    expect(baseline?.settingCount).toBe(320);
    for (const policy of policies) {
      const settings = await client.listSettings(policy.id);
      expect(settings, policy.name).toHaveLength(policy.settingCount);
    }
    const baselineSettingsPages = sim.history().filter((e) => e.path.includes(`${baseline?.id}/settings`));
    expect(baselineSettingsPages).toHaveLength(13); // 25 per page
  });

  it("resumes a listing from a persisted cursor without gaps or repeats", async () => {
    const { client } = clientForDemoTenant(sim, "Fabrikam");
    const path = "/v1.0/deviceManagement/deviceConfigurations?$top=20";
    const seen: string[] = [];
    let cursor: { nextLink: string; pageIndex: number } | undefined;
    for await (const page of client.pages(path)) {
      seen.push(...page.items.map((i) => String(i.id)));
      cursor = page.next;
      if (page.index === 1) break; // the worker "crashes" after persisting page 1's cursor
    }
    expect(cursor?.pageIndex).toBe(2);
    if (!cursor) throw new Error("expected a cursor");
    const resumedIndexes: number[] = [];
    for await (const page of client.pages(path, { resumeFrom: cursor })) {
      resumedIndexes.push(page.index);
      seen.push(...page.items.map((i) => String(i.id)));
    }
    const all = await client.listAll("deviceConfigurations");
    expect(resumedIndexes[0]).toBe(2);
    expect(seen).toEqual(all.map((o) => String(o.id)));
  });

  it("reads objects and assignments through $batch across v1.0 and beta", async () => {
    const { client } = clientForDemoTenant(sim, "Fabrikam");
    const configurations = await client.listAll("deviceConfigurations");
    const policies = await client.listAll("configurationPolicies");
    sim.clearHistory();
    const requests: BatchRequest[] = [
      ...configurations
        .slice(0, 30)
        .map((o): BatchRequest => ({ id: `dc-${o.id}`, method: "GET", path: `/v1.0/deviceManagement/deviceConfigurations/${o.id}` })),
      ...policies.slice(0, 12).map(
        (o): BatchRequest => ({
          id: `cp-${o.id}`,
          method: "GET",
          path: `/beta/deviceManagement/configurationPolicies/${o.id}/assignments`,
        }),
      ),
    ];
    const results = await client.batch<GraphObject>(requests);
    expect(results.map((r) => r.status)).toEqual(Array(42).fill(200));
    expect(results[0]?.body.id).toBe(configurations[0]?.id);
    const direct = await client.listAssignments("configurationPolicies", String(policies[0]?.id));
    expect(results[30]?.body).toEqual(expect.objectContaining({ value: direct }));
    const envelopes = sim.history().filter((e) => e.path.endsWith("/$batch"));
    expect(envelopes.map((e) => e.path).sort()).toEqual(["/beta/$batch", "/v1.0/$batch", "/v1.0/$batch"]);
  });
});

describe("pacing against the Intune limits", () => {
  const SIM_LIMIT = 10;
  let throttledSim: GraphSim;
  // A fresh simulator per test: its throttling windows must not carry over from the previous test.
  beforeEach(async () => {
    throttledSim = await startGraphSim({ port: 0, timeScale: TIME_SCALE, limits: { readsPerApp: SIM_LIMIT } });
  });
  afterEach(async () => {
    await throttledSim.close();
  });
  const smallPages = "/v1.0/deviceManagement/deviceConfigurations?$top=5"; // Fabrikam's 110: 22 requests

  it("a client with the matching budget paces itself and never meets a 429", async () => {
    // A window half again as long as the simulator's: a request reaches it some time after we grant
    // it, and on a loaded machine that delay varies by more than 100 ms from one request to the next.
    const budget = createRequestBudget({ requestsPerWindow: SIM_LIMIT, writesPerWindow: 5, windowMs: SIM_WINDOW_MS * 1.5 });
    const { client, tenant, retries } = clientForDemoTenant(throttledSim, "Fabrikam", { budget });
    const started = performance.now();
    const objects = await client.listAll(smallPages);
    expect(objects).toHaveLength(throttledSim.objectCountsByType(tenant.tenantId).deviceConfigurations ?? -1);
    expect(objects.length).toBeGreaterThan(2 * SIM_LIMIT * 5);
    expect(retries).toEqual([]);
    expect(throttledSim.history().filter((e) => e.status === 429)).toEqual([]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(2 * SIM_WINDOW_MS);
  });

  it("an unpaced client is throttled, honours every Retry-After and still lists everything", async () => {
    const { client, tenant, retries } = clientForDemoTenant(throttledSim, "Fabrikam");
    const objects = await client.listAll(smallPages);
    expect(objects).toHaveLength(throttledSim.objectCountsByType(tenant.tenantId).deviceConfigurations ?? -1);
    const gaps = gapsAfterThrottledRequests(throttledSim.history());
    expect(gaps.length).toBeGreaterThan(0);
    for (const gap of gaps) expect(gap.gapMs).toBeGreaterThanOrEqual(gap.retryAfterMs);
    expect(retries.length).toBe(gaps.length);
    expect(retries.every((r) => r.reason === "throttled" && r.retryAfterSeconds !== undefined)).toBe(true);
  });
});
