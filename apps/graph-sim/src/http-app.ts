// Express wiring: Entra token endpoint, Graph surface (/v1.0, /beta incl. $batch), /_sim control.
// Nothing here logs: request bodies (client secrets) and Authorization headers must never reach
// stdout, and error responses never echo stack traces.

import { randomUUID } from "node:crypto";
import express, { type Express, type NextFunction, type Request, type Response } from "express";
import { consentRequired } from "./auth.ts";
import { executeBatch } from "./batch.ts";
import { createControlRouter } from "./control-routes.ts";
import { executeGraphCall } from "./graph-pipeline.ts";
import { graphError, type GraphResponse } from "./graph-response.ts";
import { preciseNow } from "./history.ts";
import type { SimControl, SimState } from "./sim-state.ts";
import type { HistoryEntry } from "./types.ts";

const GRAPH_PATH = /^\/(v1\.0|beta)(\/.*)$/;

export function createHttpApp(state: SimState, control: SimControl): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);

  app.use("/_sim", createControlRouter(state, control));

  app.post("/:tenantId/oauth2/v2.0/token", express.urlencoded({ extended: false, limit: "64kb" }), (req, res) => {
    const at = preciseNow();
    const tenantId = req.params.tenantId as string;
    const exchanged = state.tokens.exchange(tenantId, (req.body ?? {}) as Record<string, unknown>);
    // Valid credentials of an app without admin consent: Entra refuses the token itself.
    const consentMissing =
      exchanged.status === 200 &&
      state.faults.take("consentMissing", { tenantId, path: req.originalUrl }, (fault) => (fault.stage ?? "token") === "token");
    const result = consentMissing ? consentRequired(exchanged.clientId) : exchanged;
    state.history.record({
      at,
      requestId: randomUUID(),
      tenantId: state.tenants.has(tenantId) ? tenantId : null,
      clientId: result.clientId,
      method: "POST",
      // The form body (with the secret) is never recorded: only the path.
      path: req.originalUrl,
      status: result.status,
    });
    res.status(result.status).set("Cache-Control", "no-store").json(result.body);
  });

  app.use(express.json({ limit: "20mb" }), async (req, res) => {
    const at = preciseNow();
    const requestId = randomUUID();
    const url = new URL(req.originalUrl, "http://sim.invalid");
    const match = GRAPH_PATH.exec(url.pathname);
    if (!match) {
      send(res, graphError(404, "NotFound", `No Graph endpoint at ${url.pathname}. Use /v1.0/... or /beta/...`, requestId));
      return;
    }
    const version = match[1] as string;
    const pathAndQuery = `${match[2]}${url.search}`;
    const baseUrl = `${req.protocol}://${req.get("host") ?? "localhost"}`;
    const record = (entry: Omit<HistoryEntry, "at" | "requestId" | "method" | "path">) =>
      state.history.record({ at, requestId, method: req.method, path: `/${version}${pathAndQuery}`, ...entry });

    const auth = state.tokens.validate(req.get("authorization"));
    if (!auth.ok) {
      record({ tenantId: null, clientId: null, status: 401 });
      send(res, graphError(401, "InvalidAuthenticationToken", auth.message, requestId));
      return;
    }
    const { principal } = auth;

    if (match[2] === "/$batch") {
      if (req.method !== "POST") {
        record({ ...principal, status: 405 });
        send(res, graphError(405, "BadRequest", "$batch only accepts POST.", requestId));
        return;
      }
      const { response, shaping } = await executeBatch(state, { version, body: req.body, baseUrl, principal, requestId });
      response.headers["request-id"] = requestId;
      record({
        ...principal,
        status: response.status,
        ...(shaping.retryAfterSeconds !== undefined ? { retryAfterSeconds: shaping.retryAfterSeconds } : {}),
        ...(shaping.fault ? { fault: shaping.fault } : {}),
      });
      send(res, response);
      return;
    }

    const response = await executeGraphCall(state, {
      method: req.method,
      version,
      pathAndQuery,
      body: req.body,
      baseUrl,
      principal,
      requestId,
    });
    send(res, response);
  });

  // Body parser and unexpected errors: Graph-shaped, no stack traces, no request echo.
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = (error as { status?: number }).status;
    const requestId = randomUUID();
    if (typeof status === "number" && status >= 400 && status < 500) {
      send(res, graphError(status, "BadRequest", "Unable to read the request body (invalid JSON or too large).", requestId));
    } else {
      send(res, graphError(500, "InternalServerError", "Unexpected simulator error.", requestId));
    }
  });

  return app;
}

function send(res: Response, response: GraphResponse): void {
  if (response.dropConnection) {
    // The request was processed; only the answer is lost (dropConnection fault).
    res.socket?.destroy();
    return;
  }
  res.status(response.status).set(response.headers);
  if (response.rawBody !== undefined) res.send(Buffer.from(response.rawBody));
  else if (response.body === undefined) res.end();
  else res.send(Buffer.from(JSON.stringify(response.body)));
}
