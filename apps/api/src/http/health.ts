import { readdirSync } from "node:fs";
import path from "node:path";
import { MIGRATIONS_FOLDER, type Db } from "@atlas/db";
import express, { type Router } from "express";

/** How many committed migrations this build expects (undefined when the folder is not shipped). */
function committedMigrations(): number | undefined {
  try {
    return readdirSync(path.join(MIGRATIONS_FOLDER, "committed")).filter((file) => file.endsWith(".sql")).length;
  } catch {
    return undefined;
  }
}

/** GET /healthz: the process answers. GET /readyz: the database answers and is migrated. */
export function healthRoutes(db: Db): Router {
  const router = express.Router();
  const expected = committedMigrations();
  router.get("/healthz", (_req, res) => {
    res.json({ ok: true });
  });
  router.get("/readyz", async (_req, res) => {
    try {
      const rows = await db.$queryRaw<{ applied: number }[]>`select count(*)::int as applied from graphile_migrate.migrations`;
      const applied = rows[0]?.applied ?? 0;
      const migrated = applied > 0 && (expected === undefined || applied >= expected);
      res.status(migrated ? 200 : 503).json({ ok: migrated, database: "up", migrations: { applied, expected: expected ?? null } });
    } catch {
      // No details: the database error may name hosts or users.
      res.status(503).json({ ok: false, database: "unavailable" });
    }
  });
  return router;
}
