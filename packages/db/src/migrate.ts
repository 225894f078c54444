import path from "node:path";
import { fileURLToPath } from "node:url";
import { migrate } from "graphile-migrate";
import pg from "pg";

export const MIGRATIONS_FOLDER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../prisma/migrations");

/** Our own advisory lock key ("atlas-migrate"), distinct from the one graphile-migrate takes inside. */
const MIGRATE_LOCK_KEY = 0x61746c61;

/**
 * Applies the committed SQL migrations; idempotent ("already up to date"). graphile-migrate only
 * tries its lock and fails with "Failed to get exclusive lock" when another process migrates at the
 * same moment (an API and a worker starting together, two CLI commands): waiting on a lock of our
 * own first lets every caller migrate in turn, the later ones finding nothing to do.
 */
export async function migrateDatabase(connectionString: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATE_LOCK_KEY]);
    await migrate({ connectionString, migrationsFolder: MIGRATIONS_FOLDER }, false, false);
  } finally {
    // Ending the session releases the lock even when the migration threw.
    await client.end();
  }
}
