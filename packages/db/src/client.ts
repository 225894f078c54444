import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { Prisma, PrismaClient } from "./generated/prisma/client.ts";

export type Db = PrismaClient;

/**
 * A raw statement that begins with this mark is parsed and planned once per pooled connection and
 * then only executed (a named prepared statement). For the few statements every run sends several
 * times (its start and transitions, all by primary key), parsing and planning cost PostgreSQL more
 * than executing them. Only marked statements are prepared: a list query's best plan depends on its
 * filter values, and a prepared statement may settle on one plan for all of them.
 */
export const PREPARED = "/* prepared */";

/** PREPARED as the head of a `Prisma.sql` template: `db.$queryRaw\`${PREPARED_STATEMENT} select ...\``. */
export const PREPARED_STATEMENT = Prisma.raw(PREPARED);

const statementName = (query: { sql: string }): string =>
  // Unnamed (parsed every time) unless marked; pg's type says string, and undefined is its default.
  (query.sql.startsWith(PREPARED) ? `atlas_${createHash("sha1").update(query.sql).digest("hex").slice(0, 24)}` : undefined) as string;

/**
 * One Prisma client per process and database: it owns a pg pool through the driver adapter.
 * An idle pooled connection that the server drops (restart, failover, a dropped test database)
 * must not crash the process: the pool discards it and the next query opens a new one.
 */
export function createDb(
  connectionString: string,
  options: { max?: number; onStatement?: (sql: string, params: string) => void } = {},
): Db {
  const ignoreDroppedConnection = () => {};
  const adapter = new PrismaPg(
    { connectionString, max: options.max ?? 10 },
    { onPoolError: ignoreDroppedConnection, onConnectionError: ignoreDroppedConnection, statementNameGenerator: statementName },
  );
  // A transaction waits for a pooled connection up to 10 s (Prisma's default is 2 s): a burst of
  // requests (e.g. 100 concurrent run starts on one API process) queues instead of failing.
  // It may then run up to 60 s (Prisma's default is 5 s): a drift check writing a few hundred
  // findings on a busy database took longer than 5 s, Prisma rolled it back, and every retry of
  // the job met the same limit, so the check never finished. Locks are held for the same short
  // statements either way; the limit only decides when a slow commit gives up.
  const transactionOptions = { maxWait: 10_000, timeout: 60_000 };
  if (!options.onStatement) return new PrismaClient({ adapter, transactionOptions });
  // Benchmarks and tests count the SQL statements a request sends (one event per statement).
  const counted = new PrismaClient({ adapter, transactionOptions, log: [{ emit: "event", level: "query" }] });
  const onStatement = options.onStatement;
  counted.$on("query", (event) => onStatement(event.query, event.params));
  return counted as unknown as Db;
}
