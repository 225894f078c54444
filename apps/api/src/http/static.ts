import { existsSync } from "node:fs";
import path from "node:path";
import express, { type Router } from "express";

const API_PREFIXES = ["/graphql", "/auth", "/healthz", "/readyz", "/exports"];

/** The built SPA: its files, and index.html for any other GET that is not an API path (client routing). */
export function spaRoutes(webDistDir: string): Router {
  const root = path.resolve(webDistDir);
  const index = path.join(root, "index.html");
  const router = express.Router();
  router.use(express.static(root, { index: false, fallthrough: true }));
  router.use((req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    if (API_PREFIXES.some((prefix) => req.path === prefix || req.path.startsWith(`${prefix}/`))) return next();
    if (path.extname(req.path) || !existsSync(index)) return next(); // a missing asset stays a 404
    res.setHeader("Cache-Control", "no-cache");
    res.sendFile(index);
  });
  return router;
}
