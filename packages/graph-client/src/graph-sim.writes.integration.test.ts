// The write API against the Graph simulator: pacing under Intune's write limit, Retry-After on
// throttled writes, no blind resend of a create whose answer was lost, identity lookups by name
// and the directory groups restore maps assignments to.

import type { GraphSim } from "@atlas/graph-sim";
import { demoTenant, startGraphSim } from "@atlas/graph-sim";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { GraphObject } from "./graph-client.ts";
import { GraphRequestError } from "./graph-request-error.ts";
import { createRequestBudget } from "./request-budget.ts";
import { clientForDemoTenant, gapsAfterThrottledRequests, SIM_WINDOW_MS, TIME_SCALE } from "./test-support/graph-sim-harness.ts";

const northwind = demoTenant("Northwind");
const CONFIG = { "@odata.type": "#microsoft.graph.windows10GeneralConfiguration", roleScopeTagIds: ["0"], passwordRequired: true };
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

const createsNamed = (name: string) => sim.history().filter((e) => e.createdDisplayName === name);
const graphPosts = () => sim.history().filter((e) => e.method === "POST" && !e.path.includes("/oauth2/"));
const rejection = async (promise: Promise<unknown>) =>
  (await promise.then(
    () => undefined,
    (error: unknown) => error,
  )) as GraphRequestError;

/** Runs `work` for 0..count-1 with at most `parallel` in flight, like a restore worker would. */
async function pool(count: number, parallel: number, work: (index: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

describe("pacing writes under Intune's limit (timeScale 0.05: 100 writes per app per second)", () => {
  it("a client whose budget matches the limit never meets a 429 in 250 writes", async () => {
    const fresh = await startGraphSim({ port: 0, timeScale: TIME_SCALE });
    try {
      // The window is half again as long as the simulator's: a write granted at the end of one window
      // can reach it late, and on a loaded machine land in the same simulator window as the next ones.
      const budget = createRequestBudget({ requestsPerWindow: 1000, writesPerWindow: 100, windowMs: SIM_WINDOW_MS * 1.5 });
      const { client, retries } = clientForDemoTenant(fresh, "Tailspin", { budget });
      const started = performance.now();
      const ids: string[] = [];
      await pool(125, 10, async (index) => {
        ids.push((await client.createObject("deviceConfigurations", { ...CONFIG, displayName: `Paced ${index}` })).id);
      });
      await pool(125, 10, (index) =>
        client.updateObject("deviceConfigurations", ids[index] as string, { ...CONFIG, description: `v${index}` }),
      );
      const writes = fresh.history().filter((e) => e.method !== "GET" && !e.path.includes("/oauth2/"));
      expect(writes).toHaveLength(250);
      expect(writes.filter((e) => e.status === 429)).toEqual([]);
      expect(retries).toEqual([]);
      // 250 writes at 100 per window need at least two full windows.
      expect(performance.now() - started).toBeGreaterThanOrEqual(2 * SIM_WINDOW_MS);
    } finally {
      await fresh.close();
    }
  });

  it("an unpaced client is throttled on writes, honours every Retry-After, and creates each object once", async () => {
    // Intune's own pace (timeScale 1: 100 writes per 20 s): 130 writes one after the other exceed it
    // however slow a loaded machine makes each request, which the compressed 1 s window does not.
    const real = await startGraphSim({ port: 0, timeScale: 1 });
    try {
      const { client, retries } = clientForDemoTenant(real, "Contoso");
      // One at a time, so "the next request after a 429" is the retry of that very create.
      await pool(130, 1, (index) => client.createObject("roleScopeTags", { displayName: `Burst ${index}` }));
      const writes = real
        .history({ tenantId: demoTenant("Contoso").tenantId })
        .filter((e) => e.method !== "GET" && !e.path.includes("/oauth2/"));
      expect(writes.filter((e) => e.status === 429).length).toBeGreaterThan(0);
      for (const gap of gapsAfterThrottledRequests(real.history())) expect(gap.gapMs).toBeGreaterThanOrEqual(gap.retryAfterMs);
      expect(retries.every((r) => r.reason === "throttled")).toBe(true);
      for (let index = 0; index < 130; index++) {
        expect(real.history().filter((e) => e.createdDisplayName === `Burst ${index}`)).toHaveLength(1);
      }
    } finally {
      await real.close();
    }
  }, 120_000);
});

describe("lost answers: never resend a create blindly", () => {
  it("a dropped connection during POST is writeOutcomeUnknown; the object is there to be found", async () => {
    const { client, retries } = clientForDemoTenant(sim, "Northwind");
    sim.injectFault({ kind: "dropConnection", tenantId: northwind.tenantId, pathContains: "deviceConfigurations", count: 1 });
    const error = await rejection(client.createObject("deviceConfigurations", { ...CONFIG, displayName: "Answer lost" }));
    expect(error).toBeInstanceOf(GraphRequestError);
    expect(error).toMatchObject({ code: "writeOutcomeUnknown", reason: "networkError", method: "POST", status: 0 });
    expect(retries).toEqual([]);
    expect(sim.history().filter((e) => e.method === "POST" && e.path.endsWith("/deviceConfigurations"))).toHaveLength(1);
    // What the caller does next: look before retrying.
    const found = await client.findByDisplayName("deviceConfigurations", "Answer lost");
    expect(found.map((o) => o.id)).toEqual([createsNamed("Answer lost")[0]?.createdId]);
  });

  it("a 504 on a create is writeOutcomeUnknown too; a 503 or 429 is resent (nothing was applied)", async () => {
    const { client } = clientForDemoTenant(sim, "Northwind");
    sim.injectFault({ kind: "serverError", status: 504, pathContains: "deviceManagementScripts", count: 1 });
    const body = { displayName: "Gateway", fileName: "g.ps1", runAsAccount: "system", scriptContent: "" };
    expect(await rejection(client.createObject("deviceManagementScripts", body))).toMatchObject({
      code: "writeOutcomeUnknown",
      reason: "gatewayTimeout",
      status: 504,
    });
    expect(graphPosts()).toHaveLength(1);

    sim.injectFault({ kind: "serverError", status: 503, pathContains: "deviceManagementScripts", count: 1 });
    sim.injectFault({ kind: "throttleStorm", retryAfterSeconds: 2, pathContains: "deviceManagementScripts", count: 1 });
    const created = await client.createObject("deviceManagementScripts", { ...body, displayName: "Resent" });
    expect(created).toMatchObject({ status: 201, id: createsNamed("Resent")[0]?.createdId });
    expect(graphPosts().map((e) => e.status)).toEqual([504, 429, 503, 201]);
  });

  it("idempotent writes (PATCH, assign) are resent after a dropped connection", async () => {
    const { client, retries } = clientForDemoTenant(sim, "Northwind");
    const [config] = await client.listAll("deviceConfigurations");
    const id = String(config?.id);
    sim.injectFault({ kind: "dropConnection", pathContains: `deviceConfigurations/${id}`, count: 2 });
    await client.updateObject("deviceConfigurations", id, { ...CONFIG, description: "after drop" });
    const group = northwind.groups?.[0]?.id as string;
    await client.assign("deviceConfigurations", id, [
      { target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: group } },
    ]);
    expect(retries.map((r) => r.reason)).toEqual(["networkError", "networkError"]);
    expect((await client.getObject("deviceConfigurations", id)).description).toBe("after drop");
    expect(
      (await client.listAssignments<{ target: { groupId: string } }>("deviceConfigurations", id)).map((a) => a.target.groupId),
    ).toEqual([group]);
  });
});

describe("write API details", () => {
  it("creates return id and version; settings catalog updates are a PUT of the whole policy", async () => {
    const { client } = clientForDemoTenant(sim, "Northwind");
    const created = await client.createObject("deviceConfigurations", { ...CONFIG, displayName: "Versioned" });
    expect(created).toMatchObject({ status: 201, version: 1, raw: expect.objectContaining({ displayName: "Versioned" }) });
    expect(created.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const [policy] = await client.listAll("configurationPolicies");
    const setting = {
      settingInstance: { "@odata.type": "#microsoft.graph.deviceManagementConfigurationSimpleSettingInstance", settingDefinitionId: "x" },
    };
    const update = await client.updateObject("configurationPolicies", String(policy?.id), {
      name: "Replaced",
      platforms: "windows10",
      technologies: "mdm",
      settings: [setting],
    });
    expect(update).toMatchObject({ id: String(policy?.id), status: 204 });
    expect(update.raw).toBeUndefined();
    expect(
      sim
        .history()
        .filter((e) => e.method !== "GET" && !e.path.includes("oauth2"))
        .map((e) => e.method),
    ).toEqual(["POST", "PUT"]);
    expect(await client.listSettings(String(policy?.id))).toHaveLength(1);
  });

  it("assign uses the type's body key and surfaces Graph's 400 for a group the tenant lacks", async () => {
    const { client } = clientForDemoTenant(sim, "Northwind");
    const [script] = await client.listAll("deviceManagementScripts");
    const group = northwind.groups?.[1]?.id as string;
    await client.assign("deviceManagementScripts", String(script?.id), [
      { target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: group } },
    ]);
    expect((await client.listAssignments<GraphObject>("deviceManagementScripts", String(script?.id))).length).toBe(1);
    const foreign = demoTenant("Contoso").groups?.[0]?.id as string;
    const error = await rejection(
      client.assign("deviceManagementScripts", String(script?.id), [
        { target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: foreign } },
      ]),
    );
    expect(error).toMatchObject({ status: 400, code: "BadRequest" });
  });

  it("refuses writes to preview-only types before sending anything", async () => {
    const { client } = clientForDemoTenant(sim, "Northwind");
    expect(await rejection(client.createObject("intents", { displayName: "x" }))).toMatchObject({ code: "restoreNotSupported" });
    expect(sim.history().filter((e) => e.method !== "GET" && !e.path.includes("oauth2"))).toEqual([]);
  });
});

describe("identity and group lookups", () => {
  it("findByDisplayName returns every case-insensitive match, with $filter where the endpoint allows it", async () => {
    const { client } = clientForDemoTenant(sim, "Northwind");
    const name = "Northwind's twin";
    await client.createObject("deviceConfigurations", { ...CONFIG, displayName: name });
    await client.createObject("deviceConfigurations", { ...CONFIG, displayName: name.toUpperCase() });
    sim.clearHistory();
    expect(await client.findByDisplayName("deviceConfigurations", name)).toHaveLength(2);
    expect(sim.history().some((e) => e.path.includes("$filter="))).toBe(true);
    const [filter] = northwind.objects.assignmentFilters as GraphObject[];
    expect((await client.findByDisplayName("assignmentFilters", String(filter?.displayName).toLowerCase())).map((f) => f.id)).toEqual([
      filter?.id,
    ]);
    expect(await client.findByDisplayName("assignmentFilters", "Nope")).toEqual([]);
  });

  it("lists the directory's groups and finds them by name", async () => {
    const { client } = clientForDemoTenant(sim, "Northwind");
    expect(await client.listGroups()).toEqual((northwind.groups ?? []).map(({ id, displayName }) => ({ id, displayName })));
    const pilot = northwind.groups?.find((g) => g.displayName === "Pilot Users");
    expect(await client.findGroupsByDisplayName("pilot users")).toEqual([{ id: pilot?.id, displayName: "Pilot Users" }]);
    expect(await client.findGroupsByDisplayName("Executives")).toEqual([]);
  });
});
