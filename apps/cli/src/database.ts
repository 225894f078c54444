import { dataDir, ensureDatabaseExists, migrateDatabase, resolveDatabaseServer } from "@atlas/db";
import { runMigrations } from "graphile-worker";

export interface AppDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * The application database: DATABASE_URL as given, or database `atlas` on the embedded PostgreSQL
 * under ATLAS_DATA_DIR (reusing the one a running `pnpm start` published).
 */
export async function openAppDatabase(options: { migrate?: boolean } = {}): Promise<AppDatabase> {
  const server = await resolveDatabaseServer();
  const url = process.env.DATABASE_URL ? server.url : await ensureDatabaseExists(server.url, "atlas");
  if (options.migrate) {
    await migrateDatabase(url);
    await runMigrations({ connectionString: url });
  }
  return { url, stop: () => server.stop() };
}

export function describeDatabase(): string {
  return process.env.DATABASE_URL ? "DATABASE_URL" : `embedded PostgreSQL under ${dataDir()}`;
}
