import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type SecretBox, createCredentialCache } from "@atlas/core";
import type { Db } from "@atlas/db";
import express from "express";
import { authRoutes } from "./http/auth.ts";
import { exportRoutes } from "./http/exports.ts";
import { createGraphqlHandler } from "./http/graphql.ts";
import { assignRequestId, createGraphqlFastPath } from "./http/graphql-fast-path.ts";
import { healthRoutes } from "./http/health.ts";
import { spaRoutes } from "./http/static.ts";
import { createStreamHandler } from "./http/stream.ts";
import { type BudgetSettings, DEFAULT_BUDGET, createCostBudgets } from "./cost-budget.ts";
import { sendRequestError } from "./http/request-errors.ts";
import { securityHeaders } from "./http/security-headers.ts";
import { createBudgetSync } from "./live/budget-sync.ts";
import { type CredentialEvents, createCredentialEvents } from "./live/credential-events.ts";
import { createOpenStreams } from "./live/open-streams.ts";
import { type RunEvents, createRunEvents } from "./live/run-events.ts";
import { type Logger, consoleLogger } from "./logger.ts";
import { GRAPHQL_BODY_LIMIT } from "./operation-limits.ts";
import { schema } from "./schema.ts";

export interface ApiServerOptions {
  db: Db;
  /**
   * The database URL for this process's one LISTEN connection (live run updates). Defaults to
   * DATABASE_URL. Without it (and without `runEvents`), subscriptions only deliver initial states.
   */
  databaseUrl?: string;
  /** Serve this folder (the built SPA) with index.html as fallback for client-side routes. */
  webDistDir?: string;
  logger?: Logger;
  /** Injected run events (e.g. shared by several servers in one process); closed by its owner. */
  runEvents?: RunEvents;
  /** Express "trust proxy" (decides req.secure, hence the cookie's Secure flag). Default: loopback. */
  trustProxy?: boolean | string | number;
  /**
   * Signs and verifies download links (backup exports). Every replica must get the same key
   * (ATLAS_SECRET_KEY), or a link issued by one fails on another.
   */
  box: SecretBox;
  /** The cost budget per token, session or anonymous address (README "Partner API limits"). */
  budget?: BudgetSettings;
  /** /readyz: a worker heartbeat older than this is missing. Default ATLAS_HEARTBEAT_STALE_MS or 60 s. */
  workerHeartbeatStaleMs?: number;
}

export interface RunningApiServer {
  url: string;
  close(): Promise<void>;
}

export interface ApiServer {
  app: express.Express;
  /** Resolves once credential changes reach this server (tests wait for it before revoking). */
  ready(): Promise<void>;
  /** Listens on the port (0: any free one) and resolves with the base URL. */
  start(port: number, host?: string): Promise<RunningApiServer>;
}

const inertRunEvents: RunEvents = {
  subscribe: () => (async function* () {})(),
  ready: async () => {},
  close: async () => {},
};

export function createApiServer(options: ApiServerOptions): ApiServer {
  const logger = options.logger ?? consoleLogger;
  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL;
  if (!options.runEvents && !databaseUrl) logger.warn("api: no databaseUrl given: subscriptions get no live updates");
  const ownsRunEvents = !options.runEvents;
  const pubsub = options.runEvents ?? (databaseUrl ? createRunEvents({ db: options.db, databaseUrl, logger }) : inertRunEvents);
  const box = options.box;
  const credentials = createCredentialCache(options.db, {
    onError: (message, error) => logger.error(message, { error }),
  });
  // Without a LISTEN connection the cache never trusts itself: every request asks the database.
  const credentialEvents: CredentialEvents | undefined = databaseUrl
    ? createCredentialEvents({ cache: credentials, databaseUrl, logger })
    : undefined;
  const streams = createOpenStreams((error) => logger.error("re-checking an event stream's credential failed", { error }));
  credentialEvents?.onChange(() => void streams.recheck());
  const budgets = createCostBudgets(options.budget ?? DEFAULT_BUDGET);
  // One budget per caller across all API processes on this database (each keeps its buckets).
  const budgetSync = databaseUrl ? createBudgetSync({ budgets, db: options.db, databaseUrl, logger }) : undefined;
  const deps = { db: options.db, pubsub, logger, box, credentials, budgets };
  const graphql = createGraphqlHandler(schema, deps);

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", options.trustProxy ?? "loopback");
  app.use((_req, res, next) => {
    res.locals.requestId = assignRequestId(res);
    next();
  });
  app.use(securityHeaders());
  const workerHeartbeatStaleMs = options.workerHeartbeatStaleMs ?? Number(process.env.ATLAS_HEARTBEAT_STALE_MS ?? 60_000);
  app.use(healthRoutes(options.db, { workerHeartbeatStaleMs }));
  app.use(exportRoutes(options.db, box, logger));
  // Baseline imports carry whole exported folders as base64 (the OpenIntuneBaseline sample is about
  // 9 MB encoded); every other request stays within the 1 MB the rest of the app accepts.
  app.post("/graphql", express.json({ limit: GRAPHQL_BODY_LIMIT }));
  app.use(express.json({ limit: "1mb" }));
  app.use(authRoutes(options.db, logger));
  app.all("/graphql/stream", createStreamHandler(schema, deps, streams));
  app.get("/graphql", graphql.handler);
  app.post("/graphql", graphql.handler);
  if (options.webDistDir) app.use(spaRoutes(options.webDistDir));
  app.use((_req, res) => {
    res.status(404).json({ error: "NOT_FOUND", message: "No such route." });
  });
  app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    sendRequestError(res, error, logger, res.locals.requestId as string | undefined);
  });
  // `app` alone serves every route; the HTTP server answers POST /graphql before it (the fast path).
  const graphqlFastPath = createGraphqlFastPath(graphql, logger);

  let stopped = false;
  const stopShared = async () => {
    if (stopped) return;
    stopped = true;
    await graphql.stop();
    if (ownsRunEvents) await pubsub.close();
    await credentialEvents?.close();
    await budgetSync?.close();
    await credentials.flush();
  };

  return {
    app,
    ready: async () => {
      await credentialEvents?.ready();
      await budgetSync?.ready();
    },
    start(port, host) {
      return new Promise((resolve, reject) => {
        const server = createServer((req, res) => {
          if (!graphqlFastPath(req, res)) app(req, res);
        });
        server.listen(port, host ?? "127.0.0.1");
        server.once("error", reject);
        server.once("listening", () => {
          const address = server.address() as AddressInfo;
          const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
          resolve({
            url: `http://${shownHost}:${address.port}`,
            async close() {
              // Ends open event streams too (their iterators complete when run events close).
              await stopShared();
              server.closeAllConnections();
              await new Promise<void>((done) => server.close(() => done()));
            },
          });
        });
      });
    },
  };
}
