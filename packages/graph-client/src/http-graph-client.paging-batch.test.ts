// Paging (complete listings, resumable cursors) and $batch (chunking, per-item retries) against a
// scripted local server.

import { afterEach, describe, expect, it } from "vitest";
import { createHttpGraphClient } from "./http-graph-client.ts";
import type { BatchRequest, GraphPage } from "./graph-client.ts";
import type { RetryInfo } from "./http-transport.ts";
import { createRequestBudget } from "./request-budget.ts";
import type { LocalHttpServer, RecordedRequest, Responder } from "./test-support/local-http-server.ts";
import { isTokenRequest, startLocalHttpServer, tokenResponse } from "./test-support/local-http-server.ts";

let server: LocalHttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(responder: Responder) {
  server = await startLocalHttpServer((request, url) => (isTokenRequest(request) ? tokenResponse() : responder(request, url)));
  const sleeps: number[] = [];
  const retries: RetryInfo[] = [];
  const client = createHttpGraphClient({
    tenantId: "tenant-1",
    clientId: "client-1",
    clientSecret: "secret",
    authorityUrl: server.url,
    graphUrl: server.url,
    budget: createRequestBudget({ requestsPerWindow: 1000, writesPerWindow: 100, windowMs: 1000 }),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    // Backoff without a Retry-After is random in [0, 500] ms for the first retry; the middle of
    // it keeps "the longest Retry-After wins" (450 ms) true on every run, not nine runs in ten.
    random: () => 0.5,
    onRetry: (info) => retries.push(info),
  });
  return { client, sleeps, retries, server };
}

/** Serves `total` numbered items `pageSize` at a time with absolute nextLinks, like Graph. */
function pagedCollection(total: number, pageSize: number): Responder {
  return (request, url) => {
    const parsed = new URL(request.url, url);
    const skip = Number(parsed.searchParams.get("$skiptoken") ?? 0);
    const value = Array.from({ length: Math.max(0, Math.min(pageSize, total - skip)) }, (_, i) => ({ id: `item-${skip + i}` }));
    const next = skip + pageSize < total ? `${url}${parsed.pathname}?$skiptoken=${skip + pageSize}` : undefined;
    return { status: 200, body: { value, ...(next ? { "@odata.nextLink": next } : {}) } };
  };
}

const graphRequests = (s: LocalHttpServer) => s.requests.filter((r) => !isTokenRequest(r));

describe("paging", () => {
  it("follows every nextLink: 320 settings in pages of 25", async () => {
    const { client, server } = await setup(pagedCollection(320, 25));
    const settings = await client.listSettings("policy-1");
    expect(settings).toHaveLength(320);
    expect(new Set(settings.map((s) => s.id)).size).toBe(320);
    expect(graphRequests(server)).toHaveLength(13);
    expect(graphRequests(server)[0]?.url).toBe("/beta/deviceManagement/configurationPolicies/policy-1/settings");
  });

  it("exposes page index and cursor, and resumes from a saved cursor", async () => {
    const { client } = await setup(pagedCollection(10, 3));
    const firstRun: GraphPage[] = [];
    for await (const page of client.pages("deviceConfigurations")) {
      firstRun.push(page);
      if (page.index === 1) break; // "crash" after two pages
    }
    expect(firstRun.map((p) => [p.index, p.items.length])).toEqual([
      [0, 3],
      [1, 3],
    ]);
    const saved = firstRun[1]?.next;
    expect(saved).toEqual({ pageIndex: 2, nextLink: expect.stringContaining("$skiptoken=6") });
    if (!saved) throw new Error("expected a cursor after page 1");
    const resumed: GraphPage[] = [];
    for await (const page of client.pages("deviceConfigurations", { resumeFrom: saved })) resumed.push(page);
    expect(resumed.map((p) => p.index)).toEqual([2, 3]);
    expect(resumed.flatMap((p) => p.items.map((i) => i.id))).toEqual(["item-6", "item-7", "item-8", "item-9"]);
    expect(resumed.at(-1)).toMatchObject({ nextLink: undefined, next: undefined });
  });

  it("uses the contract path of each type and lists assignments", async () => {
    const { client, server } = await setup(pagedCollection(2, 5));
    await client.listAll("assignmentFilters");
    await client.listAssignments("deviceCompliancePolicies", "c1");
    await client.getObject("configurationPolicies", "p 1");
    expect(graphRequests(server).map((r) => r.url)).toEqual([
      "/beta/deviceManagement/assignmentFilters?$count=true",
      "/v1.0/deviceManagement/deviceCompliancePolicies/c1/assignments",
      "/beta/deviceManagement/configurationPolicies/p%201",
    ]);
  });

  it("lists registry types with $count=true and hands on the provider's total", async () => {
    const { client } = await setup((request) =>
      new URL(request.url, "http://x").searchParams.get("$count") === "true"
        ? { status: 200, body: { "@odata.count": 6, value: [] } }
        : { status: 200, body: { value: [] } },
    );
    const pages = [];
    for await (const page of client.pages("deviceHealthScripts")) pages.push(page);
    expect(pages.map((page) => page.reportedCount)).toEqual([6]);
    const raw = [];
    for await (const page of client.pages("/beta/deviceManagement/deviceHealthScripts")) raw.push(page);
    expect(raw.map((page) => page.reportedCount)).toEqual([undefined]);
  });

  it("never sends the token to a nextLink on another origin", async () => {
    const { client, server } = await setup(() => ({
      status: 200,
      body: { value: [{ id: "a" }], "@odata.nextLink": "http://evil.example/v1.0/steal" },
    }));
    await expect(client.listAll("deviceConfigurations")).rejects.toMatchObject({ code: "crossOriginNextLink" });
    await expect(
      client
        .pages("deviceConfigurations", { resumeFrom: { nextLink: "https://evil.example/x", pageIndex: 3 } })
        [Symbol.asyncIterator]()
        .next(),
    ).rejects.toMatchObject({ code: "crossOriginNextLink" });
    expect(graphRequests(server)).toHaveLength(1);
  });

  it("treats a page without a value array as malformed and retries it", async () => {
    let calls = 0;
    const { client, retries } = await setup(() => ({ status: 200, body: ++calls === 1 ? { nope: true } : { value: [{ id: "a" }] } }));
    expect(await client.listAll("roleScopeTags")).toEqual([{ id: "a" }]);
    expect(retries.map((r) => r.reason)).toEqual(["malformedResponse"]);
  });

  it("refetches a page that came back empty but kept its nextLink, and fails if it stays empty", async () => {
    const full = pagedCollection(6, 2);
    let dropped = 0;
    const { client, retries } = await setup((request, url) => {
      if (request.url.includes("$skiptoken=2") && dropped < 1) {
        dropped++;
        return { status: 200, body: { value: [], "@odata.nextLink": `${url}${request.url}` } };
      }
      return full(request, url);
    });
    expect(await client.listAll("deviceConfigurations")).toHaveLength(6);
    expect(retries.map((r) => r.reason)).toEqual(["emptyPage"]);

    const alwaysEmpty = await setup((_request, url) => ({
      status: 200,
      body: { value: [], "@odata.nextLink": `${url}/v1.0/deviceManagement/deviceConfigurations?$skiptoken=9` },
    }));
    await expect(alwaysEmpty.client.listAll("deviceConfigurations")).rejects.toMatchObject({ code: "emptyPage", status: 200 });
  });
});

type WireBatch = { requests: Array<{ id: string; method: string; url: string; body?: unknown }> };
const batchBody = (request: RecordedRequest) => JSON.parse(request.body) as WireBatch;

describe("$batch", () => {
  it("chunks into 20s per API version and returns results in request order", async () => {
    const { client, server } = await setup((request) => ({
      status: 200,
      body: { responses: batchBody(request).requests.map((r) => ({ id: r.id, status: 200, headers: {}, body: { url: r.url } })) },
    }));
    const requests: BatchRequest[] = [
      ...Array.from({ length: 45 }, (_, i): BatchRequest => ({ method: "GET", path: `/v1.0/deviceManagement/deviceConfigurations/d${i}` })),
      { id: "beta-one", method: "GET", path: "/beta/deviceManagement/configurationPolicies/p1" },
    ];
    const results = await client.batch<{ url: string }>(requests);
    const batches = graphRequests(server);
    expect(batches.map((b) => [b.url, batchBody(b).requests.length])).toEqual([
      ["/v1.0/$batch", 20],
      ["/v1.0/$batch", 20],
      ["/v1.0/$batch", 5],
      ["/beta/$batch", 1],
    ]);
    expect(results).toHaveLength(46);
    expect(results[44]).toMatchObject({ id: "44", index: 44, status: 200, body: { url: "/deviceManagement/deviceConfigurations/d44" } });
    expect(results[45]).toMatchObject({
      id: "beta-one",
      status: 200,
      body: { url: "/deviceManagement/configurationPolicies/p1" },
      attempts: 1,
    });
  });

  it("resends only the inner items that got 429/503, after their longest Retry-After", async () => {
    const seen = new Map<string, number>();
    const { client, server, sleeps, retries } = await setup((request) => ({
      status: 200,
      body: {
        responses: batchBody(request).requests.map((r) => {
          const count = (seen.get(r.url) ?? 0) + 1;
          seen.set(r.url, count);
          if (r.url.endsWith("/t1") && count === 1) return { id: r.id, status: 429, headers: { "Retry-After": "0.2" }, body: {} };
          if (r.url.endsWith("/t2") && count === 1) return { id: r.id, status: 429, headers: { "Retry-After": "0.45" }, body: {} };
          if (r.url.endsWith("/busy") && count <= 2) return { id: r.id, status: 503, headers: {}, body: {} };
          if (r.url.endsWith("/missing")) return { id: r.id, status: 404, headers: {}, body: { error: { code: "NotFound" } } };
          return { id: r.id, status: 200, headers: {}, body: { ok: r.url } };
        }),
      },
    }));
    const paths = ["ok", "t1", "t2", "busy", "missing"].map(
      (name): BatchRequest => ({ method: "GET", path: `/v1.0/deviceManagement/x/${name}` }),
    );
    const results = await client.batch(paths);
    expect(results.map((r) => [r.status, r.attempts])).toEqual([
      [200, 1],
      [200, 2],
      [200, 2],
      [200, 3],
      [404, 1],
    ]);
    const rounds = graphRequests(server).map((b) => batchBody(b).requests.map((r) => r.url.split("/").pop()));
    expect(rounds).toEqual([["ok", "t1", "t2", "busy", "missing"], ["t1", "t2", "busy"], ["busy"]]);
    expect(sleeps[0]).toBe(450);
    expect(retries.map((r) => [r.reason, r.itemCount])).toEqual([
      ["batchItemsRetried", 3],
      ["batchItemsRetried", 1],
    ]);
  });

  it("rejects duplicate caller ids", async () => {
    const { client } = await setup(() => ({ status: 200, body: { responses: [] } }));
    await expect(
      client.batch([
        { id: "a", method: "GET", path: "/v1.0/a" },
        { id: "a", method: "GET", path: "/v1.0/b" },
      ]),
    ).rejects.toThrow(/unique/);
  });

  it("does not resend a batch with writes after a dropped connection", async () => {
    const { client, server } = await setup(() => ({ status: 200, dropConnection: true }));
    await expect(client.batch([{ method: "POST", path: "/v1.0/deviceManagement/x", body: { a: 1 } }])).rejects.toMatchObject({
      code: "networkError",
      status: 0,
    });
    expect(graphRequests(server)).toHaveLength(1);
    const [sentBatch] = graphRequests(server);
    if (!sentBatch) throw new Error("expected one $batch request");
    expect(batchBody(sentBatch).requests[0]).toMatchObject({
      method: "POST",
      body: { a: 1 },
      headers: { "content-type": "application/json" },
    });
  });
});
