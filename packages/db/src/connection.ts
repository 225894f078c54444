import path from "node:path";
import pg from "pg";
import { embeddedUrl, readEmbeddedState, startEmbeddedPostgres } from "./embedded.ts";

export interface DatabaseServer {
  /** URL of the server's maintenance database; pass a name to `databaseUrl` for others. */
  url: string;
  /** True when this process started the server and must stop it. */
  owned: boolean;
  stop(): Promise<void>;
}

export function dataDir(): string {
  return path.resolve(process.env.ATLAS_DATA_DIR ?? ".atlas");
}

/** The same server, another database. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export interface ResolveOptions {
  /** How to start the embedded server when none runs (e.g. under a supervisor, or refuse). */
  startEmbedded?: (dataDir: string) => Promise<{ url: string; stop(): Promise<void> }>;
}

/**
 * DATABASE_URL wins. Without it, reuse the embedded PostgreSQL a running `pnpm start` published
 * under ATLAS_DATA_DIR, or start one.
 */
export async function resolveDatabaseServer(options: ResolveOptions = {}): Promise<DatabaseServer> {
  const configured = process.env.DATABASE_URL;
  if (configured) return { url: configured, owned: false, stop: async () => {} };
  const dir = dataDir();
  const state = readEmbeddedState(dir);
  if (state && (await canConnect(embeddedUrl(state.port)))) {
    return { url: embeddedUrl(state.port), owned: false, stop: async () => {} };
  }
  const embedded = await (options.startEmbedded ?? startEmbeddedPostgres)(dir);
  return { url: embedded.url, owned: true, stop: () => embedded.stop() };
}

export async function ensureDatabaseExists(serverUrl: string, database: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl(serverUrl, "postgres") });
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (found.rowCount === 0) await client.query(`create database "${database.replaceAll('"', "")}"`);
  } finally {
    await client.end();
  }
  return databaseUrl(serverUrl, database);
}
