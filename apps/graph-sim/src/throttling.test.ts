import { afterEach, describe, expect, it, vi } from "vitest";
import { demoTenant } from "./demo-tenants.ts";
import { startGraphSim } from "./server.ts";
import { graphCaller, tokenFor } from "./test-support.ts";
import { retryAfterFromWait } from "./throttle.ts";
import type { GraphSim, GraphSimOptions } from "./types.ts";

const contoso = demoTenant("Contoso");
const reportingApp = contoso.additionalApps?.[0] as { clientId: string; clientSecret: string };
const TAGS = "/beta/deviceManagement/roleScopeTags";
let sim: GraphSim | undefined;

async function start(options: GraphSimOptions): Promise<GraphSim> {
  sim = await startGraphSim(options);
  return sim;
}

afterEach(async () => {
  vi.useRealTimers();
  await sim?.close();
  sim = undefined;
});

async function statuses(responses: Promise<Response>[]): Promise<number[]> {
  return (await Promise.all(responses)).map((response) => response.status);
}

// Tests that never wait for a window to pass keep timeScale 1 (20 s windows), so a slow, busy
// machine cannot slide the window under them.
describe("throttling", () => {
  it("answers 429 with Retry-After and a Graph error once an app exceeds its limit; honouring it gets in", async () => {
    const sim = await start({ timeScale: 0.05, limits: { readsPerApp: 5 } });
    const graph = graphCaller(sim, await tokenFor(sim, contoso));
    // The throttle's clock (performance.now) moves only when the test says so: a busy machine
    // cannot slide the window, and "exactly Retry-After later" is exact.
    vi.useFakeTimers({ toFake: ["performance"] });
    for (let i = 0; i < 5; i++) expect((await graph.get(TAGS)).status).toBe(200);

    const throttled = await graph.get(TAGS);
    expect(throttled.status).toBe(429);
    expect(((await throttled.json()) as { error: { code: string } }).error.code).toBe("TooManyRequests");
    const retryAfter = Number(throttled.headers.get("retry-after"));
    // Window is 20 s x 0.05 = 1 s; the value is a multiple of the scaled second (0.05).
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(1);
    expect(Math.abs(retryAfter / 0.05 - Math.round(retryAfter / 0.05))).toBeLessThan(1e-6);

    const entry = sim.history().at(-1);
    expect(entry).toMatchObject({ status: 429, retryAfterSeconds: retryAfter });

    vi.advanceTimersByTime(retryAfter * 1000 - 1);
    expect((await graph.get(TAGS)).status).toBe(429);
    vi.advanceTimersByTime(1);
    expect((await graph.get(TAGS)).status).toBe(200);
  });

  it("limits each app and the tenant separately", async () => {
    const sim = await start({ limits: { readsPerApp: 3, readsPerTenant: 5 } });
    const primary = graphCaller(sim, await tokenFor(sim, contoso));
    const reporting = graphCaller(sim, await tokenFor(sim, contoso, reportingApp));
    const fabrikam = graphCaller(sim, await tokenFor(sim, demoTenant("Fabrikam")));

    expect(await statuses([1, 2, 3, 4].map(() => primary.get(TAGS)))).toEqual([200, 200, 200, 429]);
    // The second app has its own per-app budget, but the tenant budget (5) runs out after 2 more.
    expect(await statuses([1, 2, 3].map(() => reporting.get(TAGS)))).toEqual([200, 200, 429]);
    // Another tenant is unaffected.
    expect((await fabrikam.get(TAGS)).status).toBe(200);
  });

  it("throttles writes while reads still pass", async () => {
    const sim = await start({ limits: { writesPerApp: 2 } });
    const graph = graphCaller(sim, await tokenFor(sim, contoso));
    const create = (name: string) => graph.request("POST", TAGS, { displayName: name });
    expect(await statuses([create("a"), create("b"), create("c")])).toEqual([201, 201, 429]);
    expect((await graph.get(TAGS)).status).toBe(200);
  });

  it("counts inner $batch requests individually: an item can be 429 inside a 200", async () => {
    const sim = await start({ limits: { readsPerApp: 3 } });
    const graph = graphCaller(sim, await tokenFor(sim, contoso));
    const requests = Array.from({ length: 5 }, (_, index) => ({ id: `r${index}`, method: "GET", url: "/deviceManagement/roleScopeTags" }));
    const response = await graph.batch("beta", requests);
    expect(response.status).toBe(200);
    const { responses } = (await response.json()) as { responses: Array<{ status: number; headers: Record<string, string> }> };
    expect(responses.map((item) => item.status)).toEqual([200, 200, 200, 429, 429]);
    expect(Number(responses[3]?.headers["Retry-After"])).toBeGreaterThan(0);
  });

  it("sends whole seconds at timeScale 1, like Graph", async () => {
    const sim = await start({ limits: { readsPerApp: 1 } });
    const graph = graphCaller(sim, await tokenFor(sim, contoso));
    await graph.get(TAGS);
    const throttled = await graph.get(TAGS);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("retry-after")).toMatch(/^(19|20)$/);
  });
});

describe("retryAfterFromWait", () => {
  it("rounds up to whole nominal seconds, then scales", () => {
    expect(retryAfterFromWait(350, 1)).toBe(1);
    expect(retryAfterFromWait(19_001, 1)).toBe(20);
    expect(retryAfterFromWait(330, 0.05)).toBe(0.35);
    expect(retryAfterFromWait(1, 0.05)).toBe(0.05);
  });
});
