import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { usePartnerApi } from "../kit/api/partner-api.ts";

// POST /graphql is answered before express (apps/api/src/http/graphql-fast-path.ts); `/graphql/`
// still goes through express. Both must look the same to a client.

const stack = usePartnerApi();

async function post(path: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${stack.api.url}${path}`, {
    method: "POST",
    headers: stack.partner.headers({ "content-type": "application/json", ...headers }),
    body,
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const SECURITY_HEADERS = [
  "content-security-policy",
  "x-content-type-options",
  "x-frame-options",
  "referrer-policy",
  "cross-origin-opener-policy",
];

function securityHeadersOf(headers: Headers) {
  return Object.fromEntries(SECURITY_HEADERS.map((name) => [name, headers.get(name)]));
}

const ENVIRONMENTS =
  "query Environments($n: Int) { viewer { memberships { workspace { environments(first: $n) { edges { node { id } } } } } } }";

describe("POST /graphql", () => {
  it("answers like the express route: headers, request id, body", async () => {
    const query = JSON.stringify({ query: "{ viewer { id } }" });
    const fast = await post("/graphql", query);
    const viaExpress = await post("/graphql/", query);
    expect(fast.status).toBe(200);
    expect(viaExpress.status).toBe(200);
    expect(securityHeadersOf(fast.headers)).toEqual(securityHeadersOf(viaExpress.headers));
    expect(fast.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(fast.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(fast.headers.get("x-request-id")).not.toBe(viaExpress.headers.get("x-request-id"));
    for (const name of ["content-type", "cache-control"]) expect(fast.headers.get(name)).toBe(viaExpress.headers.get(name));
    expect(fast.headers.get("cache-control")).toBe("no-store");
    // Its length is declared (one write, not chunked), as express's res.send declared it.
    expect(fast.headers.get("content-length")).toBe(String(Buffer.byteLength(fast.text)));
    expect(fast.headers.get("transfer-encoding")).toBeNull();
    const [fastBody, expressBody] = [JSON.parse(fast.text), JSON.parse(viaExpress.text)];
    expect(fastBody.data).toEqual(expressBody.data);
    expect(fastBody.extensions.cost).toMatchObject({ requested: 2, actual: 2 });
  });

  it("answers a malformed or non-object body with 400 BAD_REQUEST, its request id and the security headers", async () => {
    for (const body of ["{", '"a string"']) {
      const response = await post("/graphql", body);
      expect(response.status).toBe(400);
      expect(JSON.parse(response.text)).toMatchObject({ error: "BAD_REQUEST" });
      expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
      expect(securityHeadersOf(response.headers)["x-frame-options"]).toBe("DENY");
    }
  });

  it("reads JSON bodies as express.json did: charset parameter, byte order mark, whitespace, compression", async () => {
    const query = JSON.stringify({ query: "{ viewer { id } }" });
    const viewerOf = (text: string) => JSON.parse(text).data?.viewer?.id;
    const expected = viewerOf((await post("/graphql", query)).text);
    expect(expected).toBeTruthy();
    expect(viewerOf((await post("/graphql", query, { "content-type": "Application/JSON; charset=UTF-8" })).text)).toBe(expected);
    expect(viewerOf((await post("/graphql", `\ufeff \n${query}`)).text)).toBe(expected);
    const gzipped = await fetch(`${stack.api.url}/graphql`, {
      method: "POST",
      headers: stack.partner.headers({ "content-type": "application/json", "content-encoding": "gzip" }),
      body: gzipSync(query),
    });
    expect(viewerOf(await gzipped.text())).toBe(expected);
    const latin1 = await post("/graphql", query, { "content-type": "application/json; charset=latin1" });
    expect(latin1.status).toBe(415);
    expect(JSON.parse(latin1.text)).toMatchObject({ error: "BAD_REQUEST" });
  });

  it("refuses a body over the limit with 413", async () => {
    const response = await post("/graphql", JSON.stringify({ query: "{ __typename }", variables: { x: "a".repeat(17 * 1024 * 1024) } }));
    expect(response.status).toBe(413);
  });

  it("estimates the cost with each request's variables, also for the same query text", async () => {
    const costFor = async (n: number) =>
      JSON.parse((await post("/graphql", JSON.stringify({ query: ENVIRONMENTS, variables: { n } }))).text).extensions.cost.requested;
    const [small, large, smallAgain] = [await costFor(1), await costFor(50), await costFor(1)];
    expect(large).toBeGreaterThan(small);
    expect(smallAgain).toBe(small);
  });

  it("estimates each operation of a document by the operation name", async () => {
    const document = "query Small { viewer { id } } query Large { viewer { id displayName kind isSupport } }";
    const costOf = async (operationName: string) =>
      JSON.parse((await post("/graphql", JSON.stringify({ query: document, operationName }))).text).extensions.cost.requested;
    expect(await costOf("Small")).toBe(2);
    expect(await costOf("Large")).toBe(5);
    expect(await costOf("Small")).toBe(2);
  });
});
