import { randomUUID } from "node:crypto";
import { DEMO_PASSWORD, type DemoTenantCredentials, type SecretBox, seedDemo } from "@atlas/core";
import type { Db } from "@atlas/db";
import { createClient } from "graphql-sse";
import { type LogMeta, type Logger, createApiServer } from "@atlas/api";

/** Collects log lines so tests can assert on what was logged (e.g. a masked error's request id). */
export function capturingLogger(): Logger & { lines: Array<{ level: string; message: string; meta?: LogMeta }> } {
  const lines: Array<{ level: string; message: string; meta?: LogMeta }> = [];
  return {
    lines,
    info: (message, meta) => lines.push({ level: "info", message, meta }),
    warn: (message, meta) => lines.push({ level: "warn", message, meta }),
    error: (message, meta) => lines.push({ level: "error", message, meta }),
  };
}

export interface GraphqlResponse<T = any> {
  status: number;
  body: { data?: T; errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, any> }> };
}

/** A fetch-based client of one identity (session cookie or API token) against a running API. */
export class ApiClient {
  constructor(
    readonly url: string,
    private readonly credentials: { cookie?: string; token?: string } = {},
  ) {}

  headers(extra: Record<string, string> = {}): Record<string, string> {
    return {
      ...extra,
      ...(this.credentials.cookie ? { cookie: this.credentials.cookie } : {}),
      ...(this.credentials.token ? { authorization: `Bearer ${this.credentials.token}` } : {}),
    };
  }

  async graphql<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphqlResponse<T>> {
    const response = await fetch(`${this.url}/graphql`, {
      method: "POST",
      headers: this.headers({ "content-type": "application/json" }),
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as GraphqlResponse<T>["body"] };
  }

  /**
   * Runs a subscription over /graphql/stream and collects results until `count` arrived, `until`
   * accepts one, or `timeoutMs` passed (a deadline, not an expectation: tests end on the events).
   * `poke` (e.g. a change to a run) is called every `pokeEveryMs` while the subscription is open;
   * `onResult` sees each result as it arrives (e.g. to act only once the initial state is in).
   */
  async subscribe(
    query: string,
    variables: Record<string, unknown>,
    options: {
      count: number;
      until?: (result: GraphqlResponse["body"]) => boolean;
      onResult?: (result: GraphqlResponse["body"]) => unknown;
      timeoutMs?: number;
      poke?: () => unknown;
      pokeEveryMs?: number;
    },
  ): Promise<GraphqlResponse["body"][]> {
    const client = createClient({ url: `${this.url}/graphql/stream`, headers: this.headers(), retryAttempts: 0 });
    const results: GraphqlResponse["body"][] = [];
    const iterator = client.iterate({ query, variables });
    const timeout = setTimeout(() => void iterator.return?.(), options.timeoutMs ?? 5000);
    const poker = options.poke
      ? setInterval(() => void Promise.resolve(options.poke?.()).catch(() => {}), options.pokeEveryMs ?? 200)
      : undefined;
    try {
      for await (const result of iterator) {
        const body = result as GraphqlResponse["body"];
        results.push(body);
        if (results.length >= options.count || options.until?.(body)) break;
        await options.onResult?.(body);
      }
    } finally {
      clearTimeout(timeout);
      if (poker) clearInterval(poker);
      await iterator.return?.();
      client.dispose();
    }
    return results;
  }
}

export async function loginAs(url: string, email: string, password = DEMO_PASSWORD): Promise<ApiClient> {
  const response = await fetch(`${url}/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`login of ${email} failed with ${response.status}`);
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  if (!cookie) throw new Error("login set no cookie");
  return new ApiClient(url, { cookie });
}

const DEMO_TENANTS = ["Contoso", "Fabrikam", "Northwind", "Tailspin"].map((name) => ({
  name,
  tenantId: randomUUID(),
  clientId: randomUUID(),
  clientSecret: "demo-client-secret",
}));

export interface TestApi {
  url: string;
  logger: ReturnType<typeof capturingLogger>;
  demo: Awaited<ReturnType<typeof seedDemo>>;
  anonymous: ApiClient;
  close(): Promise<void>;
}

export interface TestApiOptions {
  /** A running Graph simulator and its tenants, for tests that let a worker capture; default: nowhere. */
  graph?: { baseUrl: string; tenants: readonly DemoTenantCredentials[] };
  /** The cost budget per session or token (default: the product's); tests that walk long lists lift it. */
  budget?: { capacity: number; refillPerSecond: number };
}

/** Seeds the demo data set into a (test) database and serves the API on a free port. */
export async function startTestApi(database: { db: Db; url: string }, box: SecretBox, options: TestApiOptions = {}): Promise<TestApi> {
  const graph = options.graph ?? { baseUrl: "http://127.0.0.1:9", tenants: DEMO_TENANTS };
  const demo = await seedDemo(database.db, box, { graphBaseUrl: graph.baseUrl, tenants: graph.tenants });
  const logger = capturingLogger();
  const api = createApiServer({ db: database.db, databaseUrl: database.url, logger, box, budget: options.budget });
  const running = await api.start(0);
  await api.ready();
  return { url: running.url, logger, demo, anonymous: new ApiClient(running.url), close: running.close };
}
