// One fresh, migrated database with the demo workspaces per benchmark run, dropped afterwards; on
// the server DATABASE_URL names, else on an embedded PostgreSQL the benchmark starts and stops.
import { SecretBox, seedDemo } from "@atlas/core";
import { type Db, createDb, databaseUrl, migrateDatabase, resolveDatabaseServer } from "@atlas/db";
import pg from "pg";

export interface BenchDatabase {
  url: string;
  /** The key `box` encrypts client secrets with, for worker processes (ATLAS_SECRET_KEY). */
  secretKey: string;
  /** The server's address without credentials, for the benchmark's header line. */
  serverLabel: string;
  db: Db;
  box: SecretBox;
  demo: Awaited<ReturnType<typeof seedDemo>>;
  close(): Promise<void>;
}

export async function openBenchDatabase(prefix: string, options: Parameters<typeof createDb>[1] = {}): Promise<BenchDatabase> {
  const server = await resolveDatabaseServer();
  const name = `${prefix}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: databaseUrl(server.url, "postgres") });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  const url = databaseUrl(server.url, name);
  const db = createDb(url, options);
  const close = async () => {
    await db.$disconnect();
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
    await server.stop();
  };
  try {
    await migrateDatabase(url);
    const secretKey = Buffer.alloc(32, 1).toString("base64");
    const box = SecretBox.fromKey(secretKey);
    // Credentials point nowhere: benchmarks never reach a provider.
    const demo = await seedDemo(db, box, {
      graphBaseUrl: "http://127.0.0.1:9",
      tenants: ["Contoso", "Fabrikam", "Northwind", "Tailspin"].map((tenant) => ({
        name: tenant,
        tenantId: crypto.randomUUID(),
        clientId: crypto.randomUUID(),
        clientSecret: "bench-secret",
      })),
    });
    return { url, secretKey, serverLabel: server.url.replace(/\/\/[^@]*@/, "//"), db, box, demo, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The run once it is completed, polled every 100 ms (benchmarks measure wall time around it). */
export async function waitForRunEnd(db: Db, runId: string) {
  for (;;) {
    const run = await db.operationRun.findUniqueOrThrow({ where: { id: runId } });
    if (run.status === "completed") return run;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
