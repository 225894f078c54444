import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { usePartnerApi } from "../kit/api/partner-api.ts";
import { createApiServer } from "../../apps/api/src/index.ts";
import { toGlobalId } from "../../apps/api/src/ids.ts";
import { loginAs } from "../kit/api/harness.ts";
import { TEST_SECRET_BOX, eventually } from "../kit/index.ts";

const stack = usePartnerApi();

/** A sign-in from a given client address (the API trusts X-Forwarded-For from loopback proxies). */
async function signIn(email: string, password: string, address: string) {
  const response = await fetch(`${stack.api.url}/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": address },
    body: JSON.stringify({ email, password }),
  });
  return { status: response.status, retryAfter: response.headers.get("retry-after"), body: (await response.json()) as any };
}

describe("login throttling", () => {
  it("locks an account after five wrong passwords, even for the right one, and audits it", async () => {
    for (let attempt = 0; attempt < 5; attempt++) expect((await signIn("operator@demo.test", "wrong", "203.0.113.1")).status).toBe(401);
    const locked = await signIn("operator@demo.test", "demo-password", "203.0.113.99");
    expect(locked.status).toBe(429);
    expect(Number(locked.retryAfter)).toBeGreaterThan(0);
    expect(locked.body).toMatchObject({ error: "RATE_LIMITED", retryAfterSeconds: Number(locked.retryAfter) });
    const audit = await stack.database.db.auditEvent.findFirst({ where: { action: "auth.login.throttled" } });
    expect(audit).toMatchObject({ outcome: "denied", targetType: "User" });
    expect(JSON.stringify(audit?.metadata)).not.toContain("wrong");
    // After the wait the right password works again.
    await eventually(async () => (await signIn("operator@demo.test", "demo-password", "203.0.113.99")).status === 200, {
      timeout: 20_000,
      interval: 250,
      what: "the right password to work again after the wait",
    });
  });

  it("answers an unknown account exactly like a known one", async () => {
    const answers = [];
    for (let attempt = 0; attempt < 6; attempt++) answers.push(await signIn("nobody@demo.test", "wrong", "203.0.113.2"));
    expect(answers.map((answer) => answer.status)).toEqual([401, 401, 401, 401, 401, 429]);
    expect(Object.keys(answers[5]!.body).sort()).toEqual(["error", "message", "retryAfterSeconds"]);
  });

  it("locks a client address that tries many accounts", async () => {
    for (let attempt = 0; attempt < 5; attempt++)
      expect((await signIn(`guess${attempt}@demo.test`, "wrong", "203.0.113.3")).status).toBe(401);
    expect((await signIn("readonly@demo.test", "demo-password", "203.0.113.3")).status).toBe(429);
  });

  it("refuses a NUL byte in the e-mail as a validation error, not a server error", async () => {
    const answer = await signIn("operator\u0000@demo.test", "demo-password", "203.0.113.4");
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe("VALIDATION_FAILED");
  });
});

describe("text input", () => {
  const INVENTORY = `query($e: ID!, $s: String) { node(id: $e) { ... on ManagedEnvironment { policies(filter: { search: $s }) { edges { node { displayName } } } } } }`;

  it("matches % and _ literally in searches and bounds their length", async () => {
    const demo = stack.api.demo.demo!;
    const environmentId = demo.environments.Contoso!;
    for (const displayName of ["100% compliant", "Baseline_A", "BaselineXA"]) {
      await stack.database.db.inventoryItem.create({
        data: {
          workspaceId: demo.workspaceId,
          managedEnvironmentId: environmentId,
          objectType: "deviceConfigurations",
          providerId: displayName,
          displayName,
          lastObservedAt: new Date(),
        },
      });
    }
    const names = async (search: string) => {
      const { body } = await stack.partner.graphql(INVENTORY, { e: toGlobalId("ManagedEnvironment", environmentId), s: search });
      expect(body.errors).toBeUndefined();
      return body.data.node.policies.edges.map((edge: any) => edge.node.displayName).sort();
    };
    expect(await names("%")).toEqual(["100% compliant"]);
    expect(await names("Baseline_A")).toEqual(["Baseline_A"]);
    const long = await stack.partner.graphql(INVENTORY, { e: toGlobalId("ManagedEnvironment", environmentId), s: "%".repeat(900_000) });
    expect(long.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const tooLongSearch = await stack.partner.graphql(INVENTORY, {
      e: toGlobalId("ManagedEnvironment", environmentId),
      s: "a".repeat(201),
    });
    expect(tooLongSearch.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("refuses a NUL byte in a variable or a literal as BAD_USER_INPUT", async () => {
    const environmentId = toGlobalId("ManagedEnvironment", stack.api.demo.demo!.environments.Contoso!);
    const inSearch = await stack.partner.graphql(INVENTORY, { e: environmentId, s: "a\u0000b" });
    expect(inSearch.status).toBe(400);
    expect(inSearch.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const operator = await loginAs(stack.api.url, "operator@demo.test");
    const inName = await operator.graphql(`mutation { startInventorySync(input: { environmentId: "a\\u0000" }) { __typename } }`);
    expect(inName.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});

describe("introspection and headers", () => {
  const INTROSPECTION = "{ __schema { queryType { name } } }";

  it("lets only signed-in callers read the schema", async () => {
    const anonymous = await stack.api.anonymous.graphql(INTROSPECTION);
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(anonymous.body.data).toBeUndefined();
    expect((await stack.api.anonymous.graphql("{ __typename }")).body.data).toEqual({ __typename: "Query" });
    expect((await stack.partner.graphql(INTROSPECTION)).body.data.__schema.queryType.name).toBe("Query");
    const operator = await loginAs(stack.api.url, "operator@demo.test");
    expect((await operator.graphql(INTROSPECTION)).body.errors).toBeUndefined();
  });

  it("serves the SPA with CSP, frame-ancestors, nosniff and a referrer policy", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "atlas-web-"));
    writeFileSync(path.join(dir, "index.html"), "<!doctype html><title>atlas</title>");
    const running = await createApiServer({
      db: stack.database.db,
      databaseUrl: stack.database.url,
      webDistDir: dir,
      logger: stack.api.logger,
      box: TEST_SECRET_BOX,
    }).start(0);
    try {
      const page = await fetch(`${running.url}/playground`);
      expect(page.status).toBe(200);
      const csp = page.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(page.headers.get("x-content-type-options")).toBe("nosniff");
      expect(page.headers.get("referrer-policy")).toBe("same-origin");
      expect(page.headers.get("x-frame-options")).toBe("DENY");
    } finally {
      await running.close();
    }
  });
});
