import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_TENANTS } from "./demo-tenants.ts";
import { startGraphSim } from "./server.ts";
import type { GraphSim } from "./types.ts";

let sim: GraphSim;

beforeAll(async () => {
  sim = await startGraphSim();
});
afterAll(async () => {
  await sim.close();
});

describe("/_sim control routes", () => {
  it("answer tools that send no Origin", async () => {
    expect((await fetch(`${sim.url}/_sim/health`)).status).toBe(200);
  });

  it("refuse anything a browser sends (Origin header), grant no CORS, and change nothing", async () => {
    const northwind = DEMO_TENANTS[2]!;
    const counts = async () => (await fetch(`${sim.url}/_sim/tenants/${northwind.tenantId}/counts`)).text();
    const before = await counts();
    const origin = { origin: "http://evil.example" };
    const preflight = await fetch(`${sim.url}/_sim/faults`, {
      method: "OPTIONS",
      headers: { ...origin, "access-control-request-method": "POST" },
    });
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
    expect(preflight.status).toBe(403);
    const read = await fetch(`${sim.url}/_sim/tenants`, { headers: origin });
    expect(read.status).toBe(403);
    expect(read.headers.get("access-control-allow-origin")).toBeNull();
    const mutate = await fetch(`${sim.url}/_sim/tenants/${northwind.tenantId}/mutate`, {
      method: "POST",
      headers: { ...origin, "content-type": "text/plain" },
      body: JSON.stringify({ kind: "delete", count: 1 }),
    });
    expect(mutate.status).toBe(403);
    expect(await counts()).toBe(before);
  });
});
