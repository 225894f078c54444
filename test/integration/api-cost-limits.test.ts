import { describe, expect, it } from "vitest";
import { usePartnerApi } from "../kit/api/partner-api.ts";
import { createApiServer } from "../../apps/api/src/index.ts";
import { ApiClient, capturingLogger } from "../kit/api/harness.ts";
import { OPERATION_LIMITS } from "../../apps/api/src/operation-limits.ts";
import { TEST_SECRET_BOX, eventually } from "../kit/index.ts";

const stack = usePartnerApi();

async function post(client: ApiClient, query: string) {
  const response = await fetch(`${client.url}/graphql`, {
    method: "POST",
    headers: client.headers({ "content-type": "application/json" }),
    body: JSON.stringify({ query }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

const codeOf = (body: any) => body.errors?.[0]?.extensions?.code;

describe("cost of every operation", () => {
  it("reports requested, actual and remaining cost in extensions.cost", async () => {
    const { body } = await post(
      stack.partner,
      "{ viewer { id displayName memberships { role workspace { environments(first: 10) { edges { node { id } } } } } } }",
    );
    expect(body.errors).toBeUndefined();
    const { requested, actual, remaining } = body.extensions.cost;
    expect(requested).toBeGreaterThan(actual); // 10 environments asked for, 4 exist
    expect(actual).toBeGreaterThan(5);
    expect(remaining).toBeGreaterThan(0);
    const again = await post(stack.partner, "{ viewer { id } }");
    expect(again.body.extensions.cost).toMatchObject({ requested: 2, actual: 2 });
    expect(again.body.extensions.cost.remaining).toBeLessThanOrEqual(remaining + 1_000); // what refilled meanwhile at most
  });

  it("answers HTTP 429 with Retry-After and RATE_LIMITED once the budget is spent, and refills", async () => {
    const server = createApiServer({
      db: stack.database.db,
      databaseUrl: stack.database.url,
      logger: capturingLogger(),
      box: TEST_SECRET_BOX,
      budget: { capacity: 40, refillPerSecond: 2 },
    });
    const running = await server.start(0);
    try {
      const client = new ApiClient(running.url, { token: stack.partner.headers().authorization!.slice("Bearer ".length) });
      const query = "{ viewer { id memberships { role workspace { environments(first: 4) { edges { node { id name } } } } } } }";
      const first = await post(client, query);
      expect(first.status).toBe(200);
      let refused = first;
      for (let attempt = 0; attempt < 10 && refused.status === 200; attempt++) refused = await post(client, query);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(codeOf(refused.body)).toBe("RATE_LIMITED");
      expect(refused.body.errors[0].extensions.retryAfterSeconds).toBe(Number(refused.headers.get("retry-after")));
      expect(refused.body.data).toBeUndefined();
      // A cheap query still fits what remains, and the budget refills over time.
      await eventually(async () => (await post(client, query)).status === 200, {
        timeout: 30_000,
        interval: 250,
        what: "the budget to refill",
      });
    } finally {
      await running.close();
    }
  });
});

describe("one budget across API processes", () => {
  it("a caller who spent its budget on one API process is refused on another within seconds", async () => {
    // Two API servers on one database, as `atlas start --role api` twice behind a balancer.
    const budget = { capacity: 40, refillPerSecond: 0.5 };
    const servers = [1, 2].map(() =>
      createApiServer({ db: stack.database.db, databaseUrl: stack.database.url, logger: capturingLogger(), box: TEST_SECRET_BOX, budget }),
    );
    const [a, b] = await Promise.all(servers.map((server) => server.start(0)));
    try {
      await Promise.all(servers.map((server) => server.ready()));
      const token = stack.partner.headers().authorization!.slice("Bearer ".length);
      const onA = new ApiClient(a!.url, { token });
      const onB = new ApiClient(b!.url, { token });
      const query = "{ viewer { id memberships { role workspace { environments(first: 4) { edges { node { id name } } } } } } }";
      let answer = await post(onA, query);
      for (let attempt = 0; attempt < 10 && answer.status === 200; attempt++) answer = await post(onA, query);
      expect(answer.status).toBe(429);
      // B never served this caller: its own bucket is full. A free query shows what remains there
      // without spending it, until B has learnt what the caller spent on A.
      const remainingOnB = async () => (await post(onB, "{ __typename }")).body.extensions.cost.remaining as number;
      expect(await remainingOnB()).toBeGreaterThan(30);
      await eventually(async () => (await remainingOnB()) < 20, {
        timeout: 10_000,
        interval: 100,
        what: "the second API process to learn what the caller spent on the first",
      });
      const refused = await post(onB, query);
      expect(codeOf(refused.body)).toBe("RATE_LIMITED");
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      await Promise.all([a?.close(), b?.close()]);
    }
  });
});

describe("operation shape limits", () => {
  it("refuses too many aliases, directives and root fields, and too many tokens", async () => {
    const aliases = Array.from({ length: OPERATION_LIMITS.aliases + 1 }, (_, index) => `a${index}: __typename`).join(" ");
    expect(await post(stack.partner, `{ viewer { ${aliases} } }`)).toMatchObject({ status: 400 });
    expect(codeOf((await post(stack.partner, `{ viewer { ${aliases} } }`)).body)).toBe("TOO_MANY_ALIASES");
    const directives = Array.from({ length: OPERATION_LIMITS.directives + 1 }, (_, index) => `d${index}: id @include(if: true)`).join(" ");
    expect(codeOf((await post(stack.partner, `{ viewer { ${directives} } }`)).body)).toBe("TOO_MANY_DIRECTIVES");
    const roots = Array.from({ length: OPERATION_LIMITS.rootFields + 1 }, () => "__typename").join(" ");
    expect(codeOf((await post(stack.partner, `{ ${roots} }`)).body)).toBe("TOO_MANY_ROOT_FIELDS");
    const tokens = `{ viewer { ${Array.from({ length: OPERATION_LIMITS.tokens }, () => "id").join(" ")} } }`;
    const tooLong = await post(stack.partner, tokens);
    expect(tooLong.status).toBe(400);
    expect(codeOf(tooLong.body)).toBe("GRAPHQL_PARSE_FAILED");
    expect(tooLong.body.errors[0].message).toMatch(/tokens/);
  });

  it("refuses a query whose cost cannot be estimated (the estimate's node limit) instead of running it", async () => {
    // Each fragment spreads the previous one twice: 2^15 field nodes from a few hundred bytes.
    const fragments = ["fragment F0 on Query { viewer { id } }"];
    for (let level = 1; level <= 15; level++) fragments.push(`fragment F${level} on Query { ...F${level - 1} ...F${level - 1} }`);
    const { status, body } = await post(stack.partner, `{ ...F15 } ${fragments.join(" ")}`);
    expect(status).toBe(400);
    expect(codeOf(body)).toBe("QUERY_TOO_COMPLEX");
    expect(body.data).toBeUndefined();
  });

  it("refuses the 1,430-alias query of a 100-item connection", async () => {
    const page = "environments(first: 100) { edges { node { id name } } }";
    const aliases = Array.from({ length: 1430 }, (_, index) => `e${index}: ${page}`).join(" ");
    const { status, body } = await post(stack.partner, `{ viewer { memberships { workspace { ${aliases} } } } }`);
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
  });
});
