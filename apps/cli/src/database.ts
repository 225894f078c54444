import { dataDir, ensureDatabaseExists, migrateDatabase, resolveDatabaseServer, startEmbeddedPostgres } from "@atlas/db";
import { runMigrations } from "graphile-worker";
import { supervise } from "./supervise.ts";

export interface AppDatabase {
  url: string;
  stop(): Promise<void>;
}

export interface OpenOptions {
  migrate?: boolean;
  /**
   * When the embedded server has to be started: `supervise` restarts it with backoff if it dies
   * (logging through `log`), `refuse` fails with this message (processes that must not own it).
   */
  embedded?: { supervise: (message: string) => void } | { refuse: string };
}

/**
 * The application database: DATABASE_URL as given, or database `atlas` on the embedded PostgreSQL
 * under ATLAS_DATA_DIR (reusing the one a running `pnpm start` published).
 */
export async function openAppDatabase(options: OpenOptions = {}): Promise<AppDatabase> {
  const embedded = options.embedded;
  const server = await resolveDatabaseServer({
    startEmbedded: !embedded
      ? undefined
      : "refuse" in embedded
        ? async () => {
            throw new Error(embedded.refuse);
          }
        : (dir) => superviseEmbeddedPostgres(dir, embedded.supervise),
  });
  const url = process.env.DATABASE_URL ? server.url : await ensureDatabaseExists(server.url, "atlas");
  if (options.migrate) {
    await migrateDatabase(url);
    await runMigrations({ connectionString: url });
  }
  return { url, stop: () => server.stop() };
}

/** The embedded PostgreSQL, restarted on the same port and data whenever it dies. */
async function superviseEmbeddedPostgres(dir: string, log: (message: string) => void): Promise<AppDatabase> {
  let first: { url: string; port: number } | undefined;
  const supervisor = await supervise({
    name: "embedded PostgreSQL",
    log,
    async start() {
      const server = await startEmbeddedPostgres(dir, { port: first?.port });
      first ??= server;
      return server;
    },
  });
  return { url: first!.url, stop: () => supervisor.stop() };
}

export function describeDatabase(): string {
  return process.env.DATABASE_URL ? "DATABASE_URL" : `embedded PostgreSQL under ${dataDir()}`;
}
