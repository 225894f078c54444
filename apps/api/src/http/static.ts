import { existsSync } from "node:fs";
import path from "node:path";
import express, { type Router } from "express";
import expressStaticGzip from "express-static-gzip";

const API_PREFIXES = ["/graphql", "/auth", "/healthz", "/readyz", "/exports"];

/** Vite names every file under assets/ by its content hash, so a cached copy can never be stale. */
const IMMUTABLE_CACHE = "public, max-age=31536000, immutable";
/** index.html (and anything else unhashed) is revalidated on every load so a deploy shows at once. */
const REVALIDATE_CACHE = "no-cache";

/**
 * The built SPA: its files, and index.html for any other GET that is not an API path (client routing).
 * The build writes brotli and gzip copies next to each text asset; the one the client accepts is sent.
 */
export function spaRoutes(webDistDir: string): Router {
  const root = path.resolve(webDistDir);
  const assets = path.join(root, "assets") + path.sep;
  const index = path.join(root, "index.html");
  const router = express.Router();
  router.use(
    expressStaticGzip(root, {
      index: false,
      enableBrotli: true,
      orderPreference: ["br", "gzip"],
      serveStatic: {
        index: false,
        fallthrough: true,
        cacheControl: false,
        setHeaders(res, filePath) {
          res.setHeader("Cache-Control", filePath.startsWith(assets) ? IMMUTABLE_CACHE : REVALIDATE_CACHE);
        },
      },
    }),
  );
  router.use((req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    if (API_PREFIXES.some((prefix) => req.path === prefix || req.path.startsWith(`${prefix}/`))) return next();
    if (path.extname(req.path) || !existsSync(index)) return next(); // a missing asset stays a 404
    res.setHeader("Cache-Control", REVALIDATE_CACHE);
    res.sendFile(index);
  });
  return router;
}
