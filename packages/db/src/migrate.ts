import path from "node:path";
import { fileURLToPath } from "node:url";
import { migrate } from "graphile-migrate";

export const MIGRATIONS_FOLDER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../prisma/migrations");

/** Applies the committed SQL migrations; idempotent ("already up to date"). */
export async function migrateDatabase(connectionString: string): Promise<void> {
  const quiet = { log: () => {}, logger: undefined } as const;
  void quiet;
  await migrate({ connectionString, migrationsFolder: MIGRATIONS_FOLDER }, false, false);
}
