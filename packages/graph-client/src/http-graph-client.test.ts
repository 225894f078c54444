// Wire behaviour of the HTTP client against a scripted local server: auth, retries, errors.
// Paging and $batch live in http-graph-client.paging-batch.test.ts.

import { afterEach, describe, expect, it } from "vitest";
import { createHttpGraphClient } from "./http-graph-client.ts";
import type { HttpGraphClientOptions } from "./http-graph-client.ts";
import { GraphRequestError } from "./graph-request-error.ts";
import type { RetryInfo } from "./http-transport.ts";
import { createRequestBudget } from "./request-budget.ts";
import type { LocalHttpServer, Responder } from "./test-support/local-http-server.ts";
import { isTokenRequest, startLocalHttpServer, tokenResponse } from "./test-support/local-http-server.ts";

const SECRET = "super-secret-value-123";
let server: LocalHttpServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Starts a server and a client whose sleeps are recorded instead of waited. */
async function setup(responder: Responder, overrides: Partial<HttpGraphClientOptions> = {}) {
  server = await startLocalHttpServer(responder);
  const sleeps: number[] = [];
  const retries: RetryInfo[] = [];
  const client = createHttpGraphClient({
    tenantId: "tenant-1",
    clientId: "client-1",
    clientSecret: SECRET,
    authorityUrl: server.url,
    graphUrl: server.url,
    budget: createRequestBudget({ requestsPerWindow: 1000, writesPerWindow: 100, windowMs: 1000 }),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    onRetry: (info) => retries.push(info),
    ...overrides,
  });
  return { client, sleeps, retries, server };
}

const graphRequests = (s: LocalHttpServer) => s.requests.filter((r) => !isTokenRequest(r));

describe("authentication", () => {
  it("fetches one token with client credentials and reuses it", async () => {
    const { client, server } = await setup((request) =>
      isTokenRequest(request) ? tokenResponse("token-A") : { status: 200, body: { id: "x" } },
    );
    await Promise.all([client.get("/v1.0/deviceManagement"), client.get("/v1.0/deviceManagement")]);
    await client.get("/beta/deviceManagement");
    const tokenRequests = server.requests.filter(isTokenRequest);
    expect(tokenRequests).toHaveLength(1);
    expect(tokenRequests[0]?.url).toBe("/tenant-1/oauth2/v2.0/token");
    const form = new URLSearchParams(tokenRequests[0]?.body);
    expect(Object.fromEntries(form)).toEqual({
      grant_type: "client_credentials",
      client_id: "client-1",
      client_secret: SECRET,
      scope: "https://graph.microsoft.com/.default",
    });
    expect(graphRequests(server).map((r) => r.headers.authorization)).toEqual(Array(3).fill("Bearer token-A"));
  });

  it("reuses the token until five minutes before it expires", async () => {
    let clock = 1_000_000;
    let issued = 0;
    const { client, server } = await setup(
      (request) => (isTokenRequest(request) ? tokenResponse(`token-${++issued}`, 3600) : { status: 200, body: {} }),
      { now: () => clock },
    );
    await client.get("/v1.0/a");
    clock += 3299_000;
    await client.get("/v1.0/a");
    clock += 2_000; // now inside the 300 s refresh margin
    await client.get("/v1.0/a");
    expect(graphRequests(server).map((r) => r.headers.authorization)).toEqual(["Bearer token-1", "Bearer token-1", "Bearer token-2"]);
  });

  it("refreshes the token once when Graph answers 401", async () => {
    let issued = 0;
    const { client, server } = await setup((request) => {
      if (isTokenRequest(request)) return tokenResponse(`token-${++issued}`);
      return request.headers.authorization === "Bearer token-1"
        ? { status: 401, body: { error: { code: "InvalidAuthenticationToken" } } }
        : { status: 200, body: { ok: true } };
    });
    expect(await client.get("/v1.0/deviceManagement")).toEqual({ ok: true });
    expect(graphRequests(server).map((r) => r.headers.authorization)).toEqual(["Bearer token-1", "Bearer token-2"]);
  });

  it("gives up after one refresh when Graph keeps answering 401", async () => {
    const { client, server } = await setup((request) =>
      isTokenRequest(request) ? tokenResponse() : { status: 401, body: { error: { code: "InvalidAuthenticationToken" } } },
    );
    const error = await client.get("/v1.0/deviceManagement").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphRequestError);
    expect(error).toMatchObject({ status: 401, code: "InvalidAuthenticationToken" });
    expect(graphRequests(server)).toHaveLength(2);
  });

  it("reports a wrong secret as a typed error that contains neither secret nor token", async () => {
    const { client } = await setup(() => ({
      status: 401,
      body: { error: "invalid_client", error_description: `AADSTS7000215: Invalid client secret ${SECRET}` },
    }));
    const error = await client.listAll("deviceConfigurations").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphRequestError);
    const typed = error as GraphRequestError;
    expect(typed).toMatchObject({ status: 401, code: "invalid_client", method: "POST", path: "/tenant-1/oauth2/v2.0/token" });
    const everything = `${typed.message} ${typed.stack} ${JSON.stringify(typed)}`;
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain("AADSTS");
  });
});

describe("retries", () => {
  it("honours a fractional Retry-After on 429 and then succeeds", async () => {
    let calls = 0;
    const { client, sleeps, retries } = await setup((request) => {
      if (isTokenRequest(request)) return tokenResponse();
      calls++;
      return calls === 1
        ? { status: 429, headers: { "retry-after": "0.35" }, body: { error: { code: "TooManyRequests" } } }
        : { status: 200, body: { id: "done" } };
    });
    expect(await client.get("/v1.0/deviceManagement/x")).toEqual({ id: "done" });
    expect(sleeps).toEqual([350]);
    expect(retries).toEqual([
      {
        method: "GET",
        path: "/v1.0/deviceManagement/x",
        attempt: 1,
        reason: "throttled",
        status: 429,
        delayMs: 350,
        retryAfterSeconds: 0.35,
      },
    ]);
  });

  it("backs off with full jitter on 503/504 without Retry-After", async () => {
    const statuses = [503, 504, 503, 200];
    const { client, sleeps } = await setup(
      (request) => {
        if (isTokenRequest(request)) return tokenResponse();
        const status = statuses.shift() ?? 200;
        return { status, body: status === 200 ? { ok: 1 } : { error: { code: "ServiceUnavailable" } } };
      },
      { random: () => 0.999999, retry: { baseDelayMs: 100, maxDelayMs: 250 } },
    );
    await client.get("/v1.0/deviceManagement");
    expect(sleeps).toEqual([100, 200, 250]);
  });

  it("stops after maxAttempts with a typed transient error", async () => {
    const { client, server } = await setup(
      (request) =>
        isTokenRequest(request)
          ? tokenResponse()
          : { status: 429, headers: { "retry-after": "0" }, body: { error: { code: "TooManyRequests" } } },
      { retry: { maxAttempts: 3 } },
    );
    const error = await client.get("/v1.0/deviceManagement?$filter=secret").catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 429, code: "TooManyRequests", attempts: 3, transient: true, path: "/v1.0/deviceManagement" });
    expect(graphRequests(server)).toHaveLength(3);
  });

  it("retries a malformed 200 body a bounded number of times", async () => {
    let calls = 0;
    const { client, retries } = await setup((request) => {
      if (isTokenRequest(request)) return tokenResponse();
      calls++;
      return calls <= 2 ? { status: 200, body: '{"value": [' } : { status: 200, body: { value: [{ id: "a" }] } };
    });
    expect(await client.listAll("/v1.0/deviceManagement/deviceConfigurations")).toEqual([{ id: "a" }]);
    expect(retries.map((r) => r.reason)).toEqual(["malformedResponse", "malformedResponse"]);

    const always = await setup((request) => (isTokenRequest(request) ? tokenResponse() : { status: 200, body: "not json" }), {
      retry: { maxMalformedRetries: 2 },
    });
    const error = await always.client.get("/v1.0/x").catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "malformedResponse", attempts: 3 });
  });

  it("retries reads after a dropped connection", async () => {
    let calls = 0;
    const { client, retries } = await setup((request) => {
      if (isTokenRequest(request)) return tokenResponse();
      calls++;
      return calls === 1 ? { status: 200, dropConnection: true } : { status: 200, body: { ok: true } };
    });
    expect(await client.get("/v1.0/x")).toEqual({ ok: true });
    expect(retries.map((r) => [r.reason, r.status])).toEqual([["networkError", 0]]);
  });

  it("retries a read that timed out", async () => {
    let calls = 0;
    const { client, retries } = await setup(
      async (request) => {
        if (isTokenRequest(request)) return tokenResponse();
        calls++;
        if (calls === 1) await new Promise((resolve) => setTimeout(resolve, 300));
        return { status: 200, body: { call: calls } };
      },
      { timeoutMs: 100 },
    );
    expect(await client.get("/v1.0/x")).toEqual({ call: 2 });
    expect(retries.map((r) => [r.reason, r.status])).toEqual([["timeout", 0]]);
  });

  it("does not retry client errors and keeps the query string out of the error", async () => {
    const { client, server } = await setup((request) =>
      isTokenRequest(request)
        ? tokenResponse()
        : { status: 404, headers: { "request-id": "req-42" }, body: { error: { code: "ResourceNotFound", message: "x" } } },
    );
    const error = await client.get("/beta/deviceManagement/configurationPolicies/p1?sig=abc").catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 404, code: "ResourceNotFound", requestId: "req-42", attempts: 1 });
    expect((error as Error).message).toBe("Graph GET /beta/deviceManagement/configurationPolicies/p1 failed: HTTP 404 (ResourceNotFound)");
    expect(graphRequests(server)).toHaveLength(1);
  });

  it("refuses paths without an API version", async () => {
    const { client } = await setup(() => tokenResponse());
    await expect(client.get("deviceManagement/deviceConfigurations")).rejects.toThrow(/v1.0\/ or \/beta\//);
  });
});
