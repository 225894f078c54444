// HTTP twin of the programmatic control API, for browser/e2e tests and other processes.
// Loopback tooling only: no auth, never part of the Graph surface, never throttled or recorded.

import express, { type Request, type Response, type Router } from "express";
import { FaultValidationError } from "./faults.ts";
import { type SimControl, type SimState, SimNotFoundError } from "./sim-state.ts";

export function createControlRouter(state: SimState, control: SimControl): Router {
  const router = express.Router();
  // Tests and tools call these from Node, which sends no Origin. A browser always sends one on
  // cross-origin requests (and on every POST or DELETE): refusing those, and granting no CORS,
  // keeps any web page from injecting faults into or reading a running local stack.
  router.use((req, res, next) => {
    if (req.headers.origin !== undefined || req.headers["sec-fetch-site"] === "cross-site") {
      res.status(403).json({ error: "FORBIDDEN", message: "The simulator's control routes do not answer browsers." });
      return;
    }
    next();
  });
  router.use(express.json({ limit: "5mb" }));

  router.get("/health", (_req, res) => {
    res.json({ ok: true, timeScale: state.timeScale });
  });

  /** Tenants without secrets: enough to find ids and counts, never enough to authenticate. */
  router.get("/tenants", (_req, res) => {
    res.json(
      [...state.tenants.values()].map((tenant) => ({
        name: tenant.name,
        tenantId: tenant.tenantId,
        clientIds: [...tenant.apps.keys()],
        total: control.objectCount(tenant.tenantId),
      })),
    );
  });

  router.get("/history", (req, res) => {
    const tenantId = typeof req.query.tenantId === "string" && req.query.tenantId !== "" ? req.query.tenantId : undefined;
    res.json(control.history(tenantId === undefined ? {} : { tenantId }));
  });

  router.delete("/history", (_req, res) => {
    control.clearHistory();
    res.status(204).end();
  });

  router.post("/faults", (req, res) => {
    control.injectFault(req.body);
    res.status(201).json({ ok: true });
  });

  router.delete("/faults", (_req, res) => {
    control.clearFaults();
    res.status(204).end();
  });

  router.get("/tenants/:tenantId/counts", (req, res) => {
    const tenantId = req.params.tenantId as string;
    res.json({ total: control.objectCount(tenantId), byType: control.objectCountsByType(tenantId) });
  });

  router.post("/tenants/:tenantId/mutate", (req, res) => {
    const { type, id, patch } = (req.body ?? {}) as { type?: unknown; id?: unknown; patch?: unknown };
    if (typeof type !== "string" || typeof id !== "string" || typeof patch !== "object" || patch === null) {
      res.status(400).json({ error: "Body must be { type: string, id: string, patch: object }" });
      return;
    }
    control.mutate(req.params.tenantId as string, type, id, patch as Record<string, unknown>);
    res.status(204).end();
  });

  router.use((_req, res) => {
    res.status(404).json({ error: "Unknown simulator control endpoint" });
  });

  router.use((error: unknown, _req: Request, res: Response, _next: () => void) => {
    if (error instanceof SimNotFoundError) {
      res.status(404).json({ error: error.message });
    } else if (error instanceof FaultValidationError || isUnknownType(error)) {
      res.status(400).json({ error: (error as Error).message });
    } else if (isClientError(error)) {
      res.status(400).json({ error: "Invalid JSON body" });
    } else {
      res.status(500).json({ error: "Internal simulator error" });
    }
  });

  return router;
}

function isUnknownType(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith("Unknown object type");
}

/** Body parser errors carry a 4xx status. */
function isClientError(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" && status >= 400 && status < 500;
}
